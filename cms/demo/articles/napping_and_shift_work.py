"""Demo article: Napping and Shift Work: Making Sleep Fit Your Schedule."""

ARTICLE = {
    "slug": 'napping-and-shift-work',
    "publish": None,
    "revisions": [
        {
            "title": 'The Art of the Nap',
            "summary": "How to nap without ruining your night's sleep.",
            "message": 'First draft',
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
            "title": 'Napping and Shift Work',
            "summary": 'How to nap well, and how shift workers can protect their sleep.',
            "message": 'Add shift work section; retitle',
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
            "title": 'Napping and Shift Work: Making Sleep Fit Your Schedule',
            "summary": 'How to nap without paying for it at night, and practical ways for shift workers to protect their sleep and stay safe.',
            "message": 'Expand shift work tips; add drowsy-driving warning and disclaimer; cut melatonin section pending review',
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
}
