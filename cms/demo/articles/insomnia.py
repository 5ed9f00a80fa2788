"""Demo article: Insomnia and CBT-I: What Actually Helps."""

ARTICLE = {
    "slug": 'insomnia-and-cbt-i-basics',
    "publish": 3,
    "revisions": [
        {
            "title": 'Insomnia: What Actually Helps',
            "summary": 'Why insomnia can become a long-term problem, and how a talking therapy can help.',
            "message": 'First draft',
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
            "title": 'Insomnia: What Actually Helps',
            "summary": 'Why insomnia can become a long-term problem, and how cognitive behavioral therapy for insomnia (CBT-I) can help.',
            "message": 'Clarify definition of chronic insomnia; add safety note on sleep restriction',
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
            "title": 'Insomnia and CBT-I: What Actually Helps',
            "summary": 'Why insomnia can become a long-term problem, and why cognitive behavioral therapy for insomnia (CBT-I) is the recommended first treatment for adults.',
            "message": 'Add sections on sleeping pills and teenagers; retitle',
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
}
