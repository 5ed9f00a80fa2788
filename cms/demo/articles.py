"""Demo articles about sleep health, loaded by `flask --app cms demo load` on first run."""

DEMO_ARTICLES: list[dict] = [
    # ------------------------------------------------------------------
    # 1. Published at revision 3; revision 4 is a newer unpublished draft.
    # ------------------------------------------------------------------
    {
        "slug": "how-much-sleep-do-children-and-teens-need",
        "publish": 3,
        "revisions": [
            {
                "title": "How Much Sleep Do Kids Need?",
                "summary": "A quick guide to how much sleep children need at different ages.",
                "message": "First draft",
                "body_markdown": """\
Most parents know that a tired child is a cranky child. But sleep does much more than keep tempers in check. While children sleep, their bodies grow and repair, and their brains sort through everything they learned during the day.

## How many hours by age

Experts recommend that babies aged 4 to 12 months get 12 to 16 hours of sleep a day, including naps. Toddlers aged 1 to 2 need 11 to 14 hours, preschoolers aged 3 to 5 need 10 to 13 hours, and school-age children aged 6 to 12 need 9 to 12 hours. Teenagers need 8 to 10 hours.

These are ranges, not targets to hit to the minute. Some children naturally need a little more and some a little less.

## Practical steps for families

1. **Keep a regular schedule.** Aim for similar bedtimes and wake times every day.
2. **Build a wind-down routine.** A bath, a story, or quiet music before bed helps.
3. **Keep screens out of the bedroom.** Phones and tablets make it easy to stay up late.

## When to talk to a doctor

Speak with your child's doctor if your child snores loudly, is very sleepy during the day, or has trouble sleeping that lasts for weeks.
""",
            },
            {
                "title": "How Much Sleep Do Children and Teens Need?",
                "summary": "Recommended sleep hours for children and teenagers by age, and signs that a child may not be getting enough.",
                "message": "Turn age ranges into a list; add warning signs",
                "body_markdown": """\
Most parents know that a tired child is a cranky child. But sleep does much more than keep tempers in check. While children sleep, their bodies grow and repair, and their brains sort through everything they learned during the day.

## How many hours by age

The American Academy of Sleep Medicine (AASM) has published recommendations, endorsed by the American Academy of Pediatrics, for how much sleep children need in every 24 hours, including naps:

- **Infants 4 to 12 months:** 12 to 16 hours
- **Children 1 to 2 years:** 11 to 14 hours
- **Children 3 to 5 years:** 10 to 13 hours
- **Children 6 to 12 years:** 9 to 12 hours
- **Teenagers 13 to 18 years:** 8 to 10 hours

These are ranges, not targets to hit to the minute. Some children naturally need a little more and some a little less. What matters most is how your child functions during the day.

## Signs a child may not be getting enough

- Difficulty waking up on most school mornings
- Falling asleep in the car or in front of the TV during the day
- Irritability, meltdowns, or trouble managing emotions
- Trouble paying attention or a drop in school performance

## Practical steps for families

1. **Keep a regular schedule.** Aim for similar bedtimes and wake times every day.
2. **Build a wind-down routine.** A bath, reading, or quiet music in the 30 to 60 minutes before bed helps the body recognize that sleep is coming.
3. **Keep screens out of the bedroom.** Phones and tablets make it easy to stay up late.

## When to talk to a doctor

Speak with your child's doctor if your child snores loudly, is very sleepy during the day, or has trouble sleeping that lasts for weeks.
""",
            },
            {
                "title": "How Much Sleep Do Children and Teens Need?",
                "summary": "Recommended sleep hours for children and teenagers by age, why teens fall asleep later, and practical steps for families.",
                "message": "Add section on teenage body clocks; add CDC link and disclaimer",
                "body_markdown": """\
Most parents know that a tired child is a cranky child. But sleep does much more than keep tempers in check. While children sleep, their bodies grow and repair, and their brains sort through everything they learned during the day.

## How many hours by age

The American Academy of Sleep Medicine (AASM) has published recommendations, endorsed by the American Academy of Pediatrics, for how much sleep children need in every 24 hours, including naps:

- **Infants 4 to 12 months:** 12 to 16 hours
- **Children 1 to 2 years:** 11 to 14 hours
- **Children 3 to 5 years:** 10 to 13 hours
- **Children 6 to 12 years:** 9 to 12 hours
- **Teenagers 13 to 18 years:** 8 to 10 hours
- **Adults:** 7 or more hours

These are ranges, not targets to hit to the minute. Some children naturally need a little more and some a little less. What matters most is how your child functions during the day.

## Signs a child may not be getting enough

- Difficulty waking up on most school mornings
- Falling asleep in the car or in front of the TV during the day
- Irritability, meltdowns, or trouble managing emotions
- Trouble paying attention or a drop in school performance
- Sleeping much longer on weekends than on school nights

In younger children, sleepiness can look like hyperactivity rather than yawning, which is one reason it is easy to miss.

## Why teenagers fall asleep later

Around puberty, the body clock shifts. The brain starts releasing melatonin, the hormone that helps signal that it is time to sleep, later in the evening than it did in childhood. Many teenagers genuinely cannot fall asleep at 9 p.m., even when they are tired. This is biology, not laziness.

The problem is that school still starts early. A teen who cannot fall asleep until 11 p.m. and has to get up at 6 a.m. gets about seven hours at best, well below the 8 to 10 they need.

> Sleeping in until noon on Saturday can feel like catching up, but big swings between weekday and weekend schedules make Monday mornings even harder.

## Practical steps for families

1. **Keep a regular schedule.** Aim for similar bedtimes and wake times every day, including weekends, within about an hour.
2. **Build a wind-down routine.** A bath, reading, or quiet music in the 30 to 60 minutes before bed helps the body recognize that sleep is coming.
3. **Charge phones outside the bedroom.** Late-night messages and videos are one of the most common reasons teens stay up later than they mean to.
4. **Get morning light.** Time outdoors early in the day helps keep the body clock on track.
5. **Watch the caffeine.** Soda, iced tea, and energy drinks can contain enough caffeine to delay sleep, especially after school.

## When to talk to a doctor

Speak with your child's doctor if your child snores loudly most nights, seems to stop breathing or gasps during sleep, is very sleepy during the day despite enough time in bed, or has trouble falling or staying asleep that lasts for weeks. Sleep problems are common and often treatable.

For more information, see the [CDC's pages on sleep and health](https://www.cdc.gov/sleep/index.html).

*This article is general information, not medical advice. If you are worried about your own or your child's sleep, talk to a doctor or other qualified health professional.*
""",
            },
            {
                "title": "How Much Sleep Do Children and Teens Really Need?",
                "summary": "Recommended sleep hours for children and teenagers by age, why teens fall asleep later, and practical steps for families.",
                "message": "Tighten introduction; mention school start times",
                "body_markdown": """\
Sleep is not a luxury for children and teenagers. It is when the body releases growth hormone, when the brain consolidates what was learned during the day, and when mood and attention get a reset. Over time, too little sleep can affect learning, behavior, and health.

## How many hours by age

The American Academy of Sleep Medicine (AASM) has published recommendations, endorsed by the American Academy of Pediatrics, for how much sleep children need in every 24 hours, including naps:

- **Infants 4 to 12 months:** 12 to 16 hours
- **Children 1 to 2 years:** 11 to 14 hours
- **Children 3 to 5 years:** 10 to 13 hours
- **Children 6 to 12 years:** 9 to 12 hours
- **Teenagers 13 to 18 years:** 8 to 10 hours
- **Adults:** 7 or more hours

These are ranges, not targets to hit to the minute. Some children naturally need a little more and some a little less. What matters most is how your child functions during the day.

## Signs a child may not be getting enough

- Difficulty waking up on most school mornings
- Falling asleep in the car or in front of the TV during the day
- Irritability, meltdowns, or trouble managing emotions
- Trouble paying attention or a drop in school performance
- Sleeping much longer on weekends than on school nights

In younger children, sleepiness can look like hyperactivity rather than yawning, which is one reason it is easy to miss.

## Why teenagers fall asleep later

Around puberty, the body clock shifts. The brain starts releasing melatonin, the hormone that helps signal that it is time to sleep, later in the evening than it did in childhood. Many teenagers genuinely cannot fall asleep at 9 p.m., even when they are tired. This is biology, not laziness.

The problem is that school still starts early. A teen who cannot fall asleep until 11 p.m. and has to get up at 6 a.m. gets about seven hours at best, well below the 8 to 10 they need. For this reason, the American Academy of Pediatrics has recommended that middle and high schools start no earlier than 8:30 a.m.

> Sleeping in until noon on Saturday can feel like catching up, but big swings between weekday and weekend schedules make Monday mornings even harder.

## Practical steps for families

1. **Keep a regular schedule.** Aim for similar bedtimes and wake times every day, including weekends, within about an hour.
2. **Build a wind-down routine.** A bath, reading, or quiet music in the 30 to 60 minutes before bed helps the body recognize that sleep is coming.
3. **Charge phones outside the bedroom.** Late-night messages and videos are one of the most common reasons teens stay up later than they mean to.
4. **Get morning light.** Time outdoors early in the day helps keep the body clock on track.
5. **Watch the caffeine.** Soda, iced tea, and energy drinks can contain enough caffeine to delay sleep, especially after school.

## When to talk to a doctor

Speak with your child's doctor if your child snores loudly most nights, seems to stop breathing or gasps during sleep, is very sleepy during the day despite enough time in bed, or has trouble falling or staying asleep that lasts for weeks. Sleep problems are common and often treatable.

For more information, see the [CDC's pages on sleep and health](https://www.cdc.gov/sleep/index.html).

*This article is general information, not medical advice. If you are worried about your own or your child's sleep, talk to a doctor or other qualified health professional.*
""",
            },
        ],
    },
    # ------------------------------------------------------------------
    # 2. Published at its latest revision (3).
    # ------------------------------------------------------------------
    {
        "slug": "insomnia-and-cbt-i-basics",
        "publish": 3,
        "revisions": [
            {
                "title": "Insomnia: What Actually Helps",
                "summary": "Why insomnia can become a long-term problem, and how a talking therapy can help.",
                "message": "First draft",
                "body_markdown": """\
Almost everyone has a bad night now and then, often before an exam, after an argument, or during a stressful week. That kind of short-term insomnia usually settles on its own once the stress passes.

## When insomnia sticks around

Sometimes poor sleep goes on for a long time. Many people with insomnia start to associate their bed with frustration and worry. They lie awake watching the clock, try harder to sleep, and become more alert the harder they try.

## What is CBT-I?

**Cognitive behavioral therapy for insomnia (CBT-I)** is a structured program that targets the thoughts and habits that keep insomnia going. It usually combines several parts:

- **Stimulus control:** using the bed only for sleep and getting up if you cannot sleep
- **Sleep restriction:** limiting time in bed to match the amount you actually sleep
- **Cognitive work:** examining unhelpful beliefs about sleep
- **Sleep hygiene:** reviewing caffeine, alcohol, and the bedroom environment

## A simple routine to try

1. Get up at the same time every morning.
2. Go to bed only when you feel sleepy.
3. If you cannot sleep, get up and do something quiet, then return to bed when sleepy.
4. Keep the bed for sleep.

## Finding help

Ask your doctor about CBT-I. The [NHS page on insomnia](https://www.nhs.uk/conditions/insomnia/) also has practical self-help advice.
""",
            },
            {
                "title": "Insomnia: What Actually Helps",
                "summary": "Why insomnia can become a long-term problem, and how cognitive behavioral therapy for insomnia (CBT-I) can help.",
                "message": "Clarify definition of chronic insomnia; add safety note on sleep restriction",
                "body_markdown": """\
Almost everyone has a bad night now and then, often before an exam, after an argument, or during a stressful week. That kind of short-term insomnia usually settles on its own once the stress passes. When poor sleep hangs around for months, though, it can take on a life of its own.

## What counts as chronic insomnia

Doctors generally describe insomnia as **chronic** when trouble falling asleep, staying asleep, or waking too early happens at least three nights a week, lasts for at least three months, and affects how you feel or function during the day.

Over time, many people with insomnia start to associate their bed with frustration and worry. They lie awake watching the clock, try harder to sleep, and become more alert the harder they try. Habits that seem sensible, such as going to bed early or sleeping late to "catch up," can make the problem worse.

## What is CBT-I?

**Cognitive behavioral therapy for insomnia (CBT-I)** is a structured program, usually delivered over about four to eight sessions, that targets the thoughts and habits that keep insomnia going. It usually combines several parts:

- **Stimulus control:** using the bed only for sleep and sex, going to bed only when sleepy, and getting up if you cannot sleep
- **Sleep restriction:** temporarily limiting time in bed to match the amount you actually sleep, then extending it gradually
- **Cognitive work:** examining unhelpful beliefs, such as "If I don't get eight hours, tomorrow will be a disaster"
- **Sleep hygiene:** reviewing caffeine, alcohol, light, and the bedroom environment

## A simple routine to try

1. Get up at the same time every morning, whatever time you fell asleep.
2. Go to bed only when you feel sleepy, not just tired.
3. If you are awake for what feels like about 20 minutes, get up and do something quiet and dull in dim light, then return to bed when sleepy.
4. Keep the bed for sleep; move worrying, scrolling, and work elsewhere.

> Sleep restriction can make you sleepier for the first week or two. If you drive for a living, operate machinery, or have a condition such as bipolar disorder or epilepsy, do it only with guidance from a clinician.

## Finding help

Ask your doctor for a referral to a psychologist or other clinician trained in CBT-I. The [NHS page on insomnia](https://www.nhs.uk/conditions/insomnia/) also has practical self-help advice.

*This article is general information, not medical advice. If you are worried about your sleep, talk to a doctor or other qualified health professional.*
""",
            },
            {
                "title": "Insomnia and CBT-I: What Actually Helps",
                "summary": "Why insomnia can become a long-term problem, and why cognitive behavioral therapy for insomnia (CBT-I) is the recommended first treatment for adults.",
                "message": "Add sections on sleeping pills and teenagers; retitle",
                "body_markdown": """\
Almost everyone has a bad night now and then, often before an exam, after an argument, or during a stressful week. That kind of short-term insomnia usually settles on its own once the stress passes. When poor sleep hangs around for months, though, it can take on a life of its own.

## What counts as chronic insomnia

Doctors generally describe insomnia as **chronic** when trouble falling asleep, staying asleep, or waking too early happens at least three nights a week, lasts for at least three months, and affects how you feel or function during the day.

Over time, many people with insomnia start to associate their bed with frustration and worry. They lie awake watching the clock, try harder to sleep, and become more alert the harder they try. Habits that seem sensible, such as going to bed early or sleeping late to "catch up," can make the problem worse.

## What is CBT-I?

**Cognitive behavioral therapy for insomnia (CBT-I)** is a structured program, usually delivered over about four to eight sessions, that targets the thoughts and habits that keep insomnia going. Major medical organizations, including the American College of Physicians, recommend it as the *first* treatment for chronic insomnia in adults, ahead of sleeping pills.

CBT-I usually combines several parts:

- **Stimulus control:** using the bed only for sleep and sex, going to bed only when sleepy, and getting up if you cannot sleep
- **Sleep restriction:** temporarily limiting time in bed to match the amount you actually sleep, then extending it gradually
- **Cognitive work:** examining unhelpful beliefs, such as "If I don't get eight hours, tomorrow will be a disaster"
- **Relaxation training:** breathing exercises or muscle relaxation to calm the body before bed
- **Sleep hygiene:** reviewing caffeine, alcohol, light, and the bedroom environment

## A simple stimulus control routine

These steps are a common starting point, though a therapist will tailor them to you:

1. Get up at the same time every morning, whatever time you fell asleep.
2. Go to bed only when you feel sleepy, not just tired.
3. If you are awake for what feels like about 20 minutes, get up and do something quiet and dull in dim light, then return to bed when sleepy.
4. Avoid napping during the day while you are resetting your sleep.
5. Keep the bed for sleep; move worrying, scrolling, and work elsewhere.

> Sleep restriction can make you sleepier for the first week or two. If you drive for a living, operate machinery, or have a condition such as bipolar disorder or epilepsy, do it only with guidance from a clinician.

## What about sleeping pills?

Medicines can help in some situations, usually for short periods, but they do not fix the habits and thinking patterns behind chronic insomnia, and some carry risks such as next-day drowsiness and falls. The benefits of CBT-I tend to last after treatment ends. Talk to a doctor before starting, stopping, or combining any sleep medicine, including over-the-counter products.

## Finding help

Ask your doctor for a referral to a psychologist or other clinician trained in CBT-I. Where in-person therapy is hard to access, some structured online and app-based CBT-I programs have been tested in clinical trials. The [NHS page on insomnia](https://www.nhs.uk/conditions/insomnia/) also has practical self-help advice.

Teenagers with ongoing sleep problems should talk to a parent and their doctor. Insomnia in young people is often linked to anxiety, low mood, or a delayed body clock, and all of these can be treated.

*This article is general information, not medical advice. If you are worried about your sleep, talk to a doctor or other qualified health professional.*
""",
            },
        ],
    },
    # ------------------------------------------------------------------
    # 3. Published at its latest revision (4).
    # ------------------------------------------------------------------
    {
        "slug": "caffeine-alcohol-and-screens-before-bed",
        "publish": 4,
        "revisions": [
            {
                "title": "Coffee, Wine, and Phones: Sleep Saboteurs",
                "summary": "Three common evening habits that can quietly wreck a good night's sleep.",
                "message": "First draft",
                "body_markdown": """\
Most of us know that an espresso at 10 p.m. is a bad idea. But caffeine, alcohol, and screens can all affect sleep in ways that are easy to overlook.

## Caffeine

Caffeine blocks adenosine, a chemical that builds up in the brain during the day and makes us feel sleepy. Its effects can last for many hours, so an afternoon coffee may still be working at bedtime.

Caffeine is not only in coffee. Tea, cola, energy drinks, and chocolate all contain it.

## Alcohol

Alcohol can make you feel drowsy, but it makes sleep lighter and more broken later in the night. It can also make snoring worse.

## Screens

Bright light from phones and tablets in the evening can delay the release of melatonin, the hormone that helps us feel sleepy. Exciting games and videos also keep the brain alert.

## What to do

- Have your last coffee after lunch
- Go easy on alcohol in the evening
- Put your phone away an hour before bed
""",
            },
            {
                "title": "Coffee, Wine, and Phones: Sleep Saboteurs",
                "summary": "How caffeine, alcohol, and screens affect sleep, and what parents and teenagers can do about it.",
                "message": "Add section on energy drinks for teens",
                "body_markdown": """\
Most of us know that an espresso at 10 p.m. is a bad idea. But caffeine, alcohol, and screens can all affect sleep in ways that are easy to overlook.

## Caffeine

Caffeine blocks adenosine, a chemical that builds up in the brain during the day and makes us feel sleepy. In healthy adults, the body takes on average about five hours to clear half of a dose of caffeine, although this varies widely from person to person. That means a large coffee at 4 p.m. can still be affecting you at bedtime.

Caffeine is not only in coffee:

- Tea, including many iced teas
- Cola and some other soft drinks
- Energy drinks and "pre-workout" products
- Chocolate, in smaller amounts

For most healthy adults, up to 400 g of caffeine a day is not generally associated with negative effects. But a safe daily amount is not the same as a sleep-friendly one.

## Teenagers and energy drinks

Energy drinks can contain as much caffeine as several cans of cola, along with other stimulants. The American Academy of Pediatrics advises that children and teenagers should not consume energy drinks.

## Alcohol

Alcohol can make you feel drowsy, but it makes sleep lighter and more broken later in the night. It can also make snoring worse.

## Screens

Bright light from phones and tablets in the evening can delay the release of melatonin, the hormone that helps us feel sleepy. Exciting games and videos also keep the brain alert.

## What to do

- Have your last coffee after lunch
- Go easy on alcohol in the evening
- Put your phone away an hour before bed
""",
            },
            {
                "title": "Caffeine, Alcohol, and Screens: How Evening Habits Affect Sleep",
                "summary": "How caffeine, alcohol, and screens affect sleep, and what parents and teenagers can do about it.",
                "message": "Fix typo in caffeine dose advice; retitle",
                "body_markdown": """\
Most of us know that an espresso at 10 p.m. is a bad idea. But caffeine, alcohol, and screens can all affect sleep in ways that are easy to overlook.

## Caffeine lasts longer than you think

Caffeine blocks adenosine, a chemical that builds up in the brain during the day and creates "sleep pressure." In healthy adults, the body takes on average about five hours to clear half of a dose of caffeine, although this varies widely from person to person. That means a large coffee at 4 p.m. can still be affecting you at bedtime.

Caffeine is not only in coffee:

- Tea, including many iced teas
- Cola and some other soft drinks
- Energy drinks and "pre-workout" products
- Chocolate, in smaller amounts
- Some pain relievers and cold medicines

For most healthy adults, up to 400 mg of caffeine a day, roughly four or five cups of coffee, is not generally associated with negative effects. But a safe daily amount is not the same as a sleep-friendly one.

## Teenagers and energy drinks

Energy drinks can contain as much caffeine as several cans of cola, along with other stimulants. The American Academy of Pediatrics advises that children and teenagers should not consume energy drinks. If your teen is relying on caffeine to get through the school day, that is often a sign they need more sleep, not more caffeine.

## Alcohol: a false friend

Alcohol can make you feel drowsy and help you fall asleep faster. But as the body processes alcohol during the night, sleep becomes lighter and more broken. Alcohol also:

- Reduces REM sleep, especially in the first part of the night
- Relaxes the throat muscles, which can worsen snoring and sleep apnea
- Increases trips to the bathroom

## Screens

Bright light from phones and tablets in the evening can delay the release of melatonin, the hormone that helps us feel sleepy. Exciting games and videos also keep the brain alert.

## What to do

- Have your last coffee after lunch
- Go easy on alcohol in the evening
- Put your phone away an hour before bed

*This article is general information, not medical advice. If you have ongoing trouble sleeping, talk to a doctor or other qualified health professional.*
""",
            },
            {
                "title": "Caffeine, Alcohol, and Screens: How Evening Habits Affect Sleep",
                "summary": "How caffeine, alcohol, and screens affect sleep, and a simple evening plan for parents and teenagers.",
                "message": "Expand screens section; turn tips into an evening plan; add FDA link",
                "body_markdown": """\
Most of us know that an espresso at 10 p.m. is a bad idea. But the effects of caffeine, alcohol, and screens on sleep are often more subtle, and they can linger for longer than you might expect.

## Caffeine lasts longer than you think

Caffeine blocks adenosine, a chemical that builds up in the brain during the day and creates "sleep pressure." In healthy adults, the body takes on average about five hours to clear half of a dose of caffeine, although this varies widely from person to person. That means a large coffee at 4 p.m. can still be affecting you at bedtime.

Caffeine is not only in coffee:

- Tea, including many iced teas
- Cola and some other soft drinks
- Energy drinks and "pre-workout" products
- Chocolate, in smaller amounts
- Some pain relievers and cold medicines

For most healthy adults, the U.S. Food and Drug Administration cites up to 400 mg of caffeine a day, roughly four or five cups of coffee, as an amount not generally associated with negative effects (see the [FDA's consumer guide to caffeine](https://www.fda.gov/consumers/consumer-updates/spilling-beans-how-much-caffeine-too-much)). But a safe daily amount is not the same as a sleep-friendly one, and many people sleep better if they avoid caffeine from early afternoon onward.

## Teenagers and energy drinks

Energy drinks can contain as much caffeine as several cans of cola, along with other stimulants. The American Academy of Pediatrics advises that children and teenagers should not consume energy drinks. If your teen is relying on caffeine to get through the school day, that is often a sign they need more sleep, not more caffeine.

## Alcohol: a false friend

Alcohol can make you feel drowsy and help you fall asleep faster, which is why some people use a "nightcap." But as the body processes alcohol during the night, sleep becomes lighter and more broken. Alcohol also:

- Reduces REM sleep, especially in the first part of the night
- Relaxes the throat muscles, which can worsen snoring and sleep apnea
- Increases trips to the bathroom

Alcohol is not a good sleep aid for anyone. If you drink, drinking less and finishing earlier in the evening gives your body more time to process it before bed.

## Screens: light and stimulation

Phones, tablets, and computers affect sleep in several ways. Bright light in the evening, including the blue-enriched light from screens, can delay the release of melatonin, the hormone that helps signal that it is time to sleep. But the content matters just as much: an exciting game, a stressful group chat, or an endless video feed keeps the brain alert and makes it easy to lose track of time. Notifications during the night can also wake you.

> "Just one more video" is how a 10:30 bedtime turns into 1 a.m.

## A simple evening plan

1. Set a caffeine cut-off time, such as 2 p.m., and stick to it.
2. Keep alcohol to a minimum, and never use it as a way to get to sleep.
3. Switch off screens 30 to 60 minutes before bed, or at least dim them and turn off notifications.
4. Charge phones outside the bedroom, for parents and teenagers alike.
5. Replace screen time with something calm: a paper book, gentle stretching, or quiet music.

Small changes add up. If you still struggle to sleep after a few weeks of better habits, talk to a doctor; ongoing insomnia is common and treatable.

*This article is general information, not medical advice. If you have ongoing trouble sleeping, talk to a doctor or other qualified health professional.*
""",
            },
        ],
    },
    # ------------------------------------------------------------------
    # 4. Published at revision 2; revision 3 is a newer unpublished draft.
    # ------------------------------------------------------------------
    {
        "slug": "sleep-apnea-warning-signs",
        "publish": 2,
        "revisions": [
            {
                "title": "Snoring and Sleep Apnea",
                "summary": "When snoring might be a sign of something more serious.",
                "message": "First draft",
                "body_markdown": """\
Snoring is common and often harmless. But loud, regular snoring can also be a sign of **obstructive sleep apnea (OSA)**, a condition in which the airway repeatedly narrows or closes during sleep.

## Warning signs

- Loud snoring on most nights
- Pauses in breathing, followed by gasping or choking
- Waking up with a headache
- Feeling very sleepy during the day

## Who is more at risk

Sleep apnea is more common in people who are overweight, in men, and in older adults. Alcohol and sedative medicines can make it worse.

## Treatment

The most common treatment is CPAP, a machine that blows air through a mask to keep the airway open. Losing weight and sleeping on your side can also help some people.
""",
            },
            {
                "title": "Sleep Apnea: Warning Signs and When to See a Doctor",
                "summary": "Loud snoring with pauses in breathing can be a sign of obstructive sleep apnea. Here is what to look out for in adults and children, and when to get checked.",
                "message": "Add section on children; add when-to-see-a-doctor advice and NHS link",
                "body_markdown": """\
Snoring is common and often harmless. But loud, regular snoring can also be a sign of **obstructive sleep apnea (OSA)**, a condition in which the airway repeatedly narrows or closes during sleep. Each time breathing stops or becomes very shallow, the brain briefly wakes the sleeper to reopen the airway. This can happen many times an hour without the person remembering it.

Left untreated, sleep apnea is linked to high blood pressure, heart disease, stroke, and a higher risk of drowsy-driving crashes. The good news is that it can be diagnosed and treated.

## Warning signs in adults

Often a bed partner notices the signs first:

- Loud snoring on most nights
- Pauses in breathing, followed by gasping, choking, or snorting
- Waking up with a dry mouth or a headache
- Feeling very sleepy during the day, even after a full night in bed
- Difficulty concentrating, irritability, or low mood

## Who is more at risk

Sleep apnea is more common in people who are overweight, in men, and in older adults. Alcohol and sedative medicines can make it worse. Other risk factors include:

- A larger neck size
- A family history of sleep apnea
- Smoking
- Nasal congestion

## Sleep apnea in children

Children can have sleep apnea too, often because of enlarged tonsils and adenoids. Signs can be different from those in adults:

- Snoring three or more nights a week, or noisy, labored breathing
- Snoring loud enough to be heard from another room
- Breathing through the mouth during sleep
- Restless sleep
- Bedwetting after having been dry at night
- Daytime behavior problems or trouble concentrating at school

If your child snores regularly, mention it to their doctor.

## When to see a doctor

Make an appointment if you or your partner recognize several of the signs above, especially loud snoring with pauses in breathing or significant daytime sleepiness. Your doctor may refer you for a **sleep study**, which can sometimes be done at home.

## Treatment

The most common treatment for adults is CPAP, a machine that blows air through a mask to keep the airway open. Losing weight and sleeping on your side can also help some people. In children, removing the tonsils and adenoids is often recommended.

The [NHS guide to sleep apnea](https://www.nhs.uk/conditions/sleep-apnoea/) has more detail.

*This article is general information, not medical advice. If you are worried about your own or your child's breathing during sleep, talk to a doctor.*
""",
            },
            {
                "title": "Sleep Apnea: Warning Signs and When to See a Doctor",
                "summary": "Loud snoring with pauses in breathing can be a sign of obstructive sleep apnea. Here is what to look out for in adults and children, when to get checked, and how it is treated.",
                "message": "Expand treatment section; merge risk factors into one paragraph; drop duplicate snoring bullet; add drowsy-driving warning",
                "body_markdown": """\
Snoring is common and often harmless. But loud, regular snoring can also be a sign of **obstructive sleep apnea (OSA)**, a condition in which the airway repeatedly narrows or closes during sleep. Each time breathing stops or becomes very shallow, oxygen levels can fall and the brain briefly wakes the sleeper to reopen the airway. This can happen many times an hour without the person remembering it.

Left untreated, sleep apnea is linked to high blood pressure, heart disease, stroke, type 2 diabetes, and a higher risk of drowsy-driving crashes. The good news is that it can be diagnosed and treated.

## Warning signs in adults

Often a bed partner notices the signs first:

- Loud snoring on most nights
- Pauses in breathing, followed by gasping, choking, or snorting
- Waking up with a dry mouth or a headache
- Feeling very sleepy during the day, even after a full night in bed
- Difficulty concentrating, irritability, or low mood
- Getting up often during the night to urinate

## Who is more at risk

Anyone can develop sleep apnea, including people who are young and slim. However, it is more common in people who carry excess weight or have a larger neck size, in people with a family history of the condition or ongoing nasal congestion, and in men and older adults. Alcohol, sedative medicines, and smoking can make it worse.

## Sleep apnea in children

Children can have sleep apnea too, often because of enlarged tonsils and adenoids. Signs can be different from those in adults:

- Snoring three or more nights a week, or noisy, labored breathing
- Breathing through the mouth during sleep
- Restless sleep or unusual sleeping positions, such as with the neck stretched back
- Bedwetting after having been dry at night
- Daytime behavior problems, hyperactivity, or trouble concentrating at school

Children with sleep apnea are more likely to seem overactive than sleepy, so it can be mistaken for a behavior problem. If your child snores regularly, mention it to their doctor.

## When to see a doctor

Make an appointment if you or your partner recognize several of the signs above, especially loud snoring with pauses in breathing or significant daytime sleepiness. Your doctor may refer you for a **sleep study**. For adults this may be done at home with a portable monitor or overnight in a sleep center; children are usually tested overnight in a sleep lab.

> If you feel drowsy while driving, pull over somewhere safe and rest. Do not drive when you are at risk of falling asleep, and see a doctor promptly.

## Treatment options

Treatment depends on how severe the condition is and what is causing it:

1. **CPAP (continuous positive airway pressure):** a machine that gently blows air through a mask to keep the airway open. It is the most widely used treatment for moderate to severe OSA in adults.
2. **Oral appliances:** custom-made mouthpieces, fitted by a dentist, that hold the lower jaw forward.
3. **Lifestyle changes:** losing weight if needed, avoiding alcohol in the evening, and sleeping on your side can help some people.
4. **Surgery:** removing the tonsils and adenoids is often the first treatment for children with OSA; other procedures are sometimes used in adults.

The [NHS guide to sleep apnea](https://www.nhs.uk/conditions/sleep-apnoea/) has more detail.

*This article is general information, not medical advice. If you are worried about your own or your child's breathing during sleep, talk to a doctor.*
""",
            },
        ],
    },
    # ------------------------------------------------------------------
    # 5. Unpublished draft.
    # ------------------------------------------------------------------
    {
        "slug": "napping-and-shift-work",
        "publish": None,
        "revisions": [
            {
                "title": "The Art of the Nap",
                "summary": "How to nap without ruining your night's sleep.",
                "message": "First draft",
                "body_markdown": """\
A short nap can improve alertness, mood, and reaction time. But nap for too long, or too late in the day, and you may pay for it at night.

## Getting napping right

For most adults, the sweet spot is about 20 minutes. Sleep longer than that and you are more likely to wake up groggy.

Tips for a better nap:

- Nap in the early afternoon
- Set an alarm
- Find a quiet, dark place

## Naps for teenagers

Many teenagers come home from school exhausted and fall asleep on the couch. A long late-afternoon nap can make it harder to fall asleep at night.
""",
            },
            {
                "title": "Napping and Shift Work",
                "summary": "How to nap well, and how shift workers can protect their sleep.",
                "message": "Add shift work section; retitle",
                "body_markdown": """\
Not everyone can sleep from 11 p.m. to 7 a.m. Students, nurses, factory workers, and delivery drivers all know that sleep sometimes has to fit around life rather than the other way around.

## Getting napping right

A short nap can improve alertness, mood, and reaction time. For most adults, the sweet spot is **10 to 20 minutes**. Sleep longer than about half an hour and you are more likely to wake up groggy, a feeling known as *sleep inertia*.

Tips for a better nap:

- Nap in the early afternoon rather than the evening
- Set an alarm
- Find a quiet, dark, comfortable place

## Naps for teenagers

Many teenagers come home from school exhausted and fall asleep on the couch. A long late-afternoon nap can make it harder to fall asleep at night.

## Shift work and your body clock

Working nights, early mornings, or rotating shifts means sleeping at times when your body clock is telling you to be awake. Many shift workers get less sleep than day workers.

Strategies that can help:

1. **Protect your main sleep period.** Treat it like an appointment.
2. **Make your bedroom dark and quiet.** Blackout curtains, earplugs, and a cool room help daytime sleep.
3. **Time your caffeine.** A coffee at the start of a shift can help, but avoid it near the end.
4. **Consider a nap before a night shift.**

## What about melatonin?

Melatonin supplements are widely available, and some shift workers find them helpful for daytime sleep. The evidence is mixed, and the amount of melatonin in supplements can vary between products.
""",
            },
            {
                "title": "Napping and Shift Work: Making Sleep Fit Your Schedule",
                "summary": "How to nap without paying for it at night, and practical ways for shift workers to protect their sleep and stay safe.",
                "message": "Expand shift work tips; add drowsy-driving warning and disclaimer; cut melatonin section pending review",
                "body_markdown": """\
Not everyone can sleep from 11 p.m. to 7 a.m. Parents of newborns, students, nurses, factory workers, and delivery drivers all know that sleep sometimes has to fit around life rather than the other way around. Naps and careful planning can help, as long as they are used wisely.

## Getting napping right

A short nap can improve alertness, mood, and reaction time. For most adults, the sweet spot is **10 to 20 minutes**. Sleep longer than about half an hour and you are more likely to wake up groggy, a feeling known as *sleep inertia*, which can take a while to wear off.

Tips for a better nap:

- Nap in the early afternoon rather than the evening, so it does not eat into nighttime sleep
- Set an alarm
- Find a quiet, dark, comfortable place
- Give yourself a few minutes to wake up fully before driving or doing anything that needs your full attention

Napping is not a substitute for regular nighttime sleep. If you need a nap every day even though you are getting enough sleep at night, mention it to a doctor.

## Naps for teenagers

Many teenagers come home from school exhausted and fall asleep on the couch. A long late-afternoon nap can make it even harder to fall asleep at night, which keeps the cycle going. If your teen needs a nap, encourage a short one earlier in the afternoon, and focus on protecting their nighttime sleep.

## Shift work and your body clock

Working nights, early mornings, or rotating shifts means sleeping at times when your body clock is telling you to be awake. Many shift workers get less sleep than day workers, and some develop *shift work disorder*, with ongoing insomnia or excessive sleepiness linked to their work schedule.

Strategies that can help:

1. **Protect your main sleep period.** Treat it like an appointment, and let family and friends know when you are sleeping.
2. **Make your bedroom dark and quiet.** Blackout curtains or an eye mask, earplugs or a fan for steady background noise, and a cool room all help daytime sleep.
3. **Use light strategically.** Bright light during the early part of a night shift can help you stay alert. Wearing sunglasses on the way home in the morning may make it easier to fall asleep afterward.
4. **Time your caffeine.** A coffee at the start of a shift can help, but avoid caffeine in the last few hours before you plan to sleep.
5. **Consider a nap before a night shift.** A nap in the late afternoon or early evening can reduce sleepiness during the night.
6. **Keep a steady routine where you can,** and choose light, regular meals over heavy food in the middle of the night.

If you have a say in your schedule, shifts that rotate forward (days, then evenings, then nights) are generally easier to adjust to than shifts that rotate backward.

## Drowsy driving

The drive home after a night shift is one of the riskiest parts of the day.

> If you are struggling to keep your eyes open, do not drive. Take a short nap first, use public transportation, or ask someone for a ride.

Opening a window or turning up the radio does not reliably keep you awake.

## When to get help

Talk to a doctor if you regularly fall asleep at work, struggle to sleep even when you have the time, or feel that your schedule is affecting your health or mood. Ask before using sleeping pills or supplements such as melatonin, especially if you take other medicines. The [CDC's pages on sleep and health](https://www.cdc.gov/sleep/index.html) have more information.

*This article is general information, not medical advice. If you are worried about your sleep or your safety at work, talk to a doctor or other qualified health professional.*
""",
            },
        ],
    },
]
