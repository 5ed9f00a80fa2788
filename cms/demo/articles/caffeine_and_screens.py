"""Demo article: Caffeine, Alcohol, and Screens: How Evening Habits Affect Sleep."""

ARTICLE = {
    "slug": 'caffeine-alcohol-and-screens-before-bed',
    "publish": 4,
    "revisions": [
        {
            "title": 'Coffee, Wine, and Phones: Sleep Saboteurs',
            "summary": "Three common evening habits that can quietly wreck a good night's sleep.",
            "message": 'First draft',
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
            "title": 'Coffee, Wine, and Phones: Sleep Saboteurs',
            "summary": 'How caffeine, alcohol, and screens affect sleep, and what parents and teenagers can do about it.',
            "message": 'Add section on energy drinks for teens',
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
            "title": 'Caffeine, Alcohol, and Screens: How Evening Habits Affect Sleep',
            "summary": 'How caffeine, alcohol, and screens affect sleep, and what parents and teenagers can do about it.',
            "message": 'Fix typo in caffeine dose advice; retitle',
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
            "title": 'Caffeine, Alcohol, and Screens: How Evening Habits Affect Sleep',
            "summary": 'How caffeine, alcohol, and screens affect sleep, and a simple evening plan for parents and teenagers.',
            "message": 'Expand screens section; turn tips into an evening plan; add FDA link',
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
}
