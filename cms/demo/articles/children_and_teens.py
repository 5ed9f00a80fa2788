"""Demo article: How Much Sleep Do Children and Teens Really Need?."""

ARTICLE = {
    "slug": 'how-much-sleep-do-children-and-teens-need',
    "publish": 3,
    "revisions": [
        {
            "title": 'How Much Sleep Do Kids Need?',
            "summary": 'A quick guide to how much sleep children need at different ages.',
            "message": 'First draft',
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
            "title": 'How Much Sleep Do Children and Teens Need?',
            "summary": 'Recommended sleep hours for children and teenagers by age, and signs that a child may not be getting enough.',
            "message": 'Turn age ranges into a list; add warning signs',
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
            "title": 'How Much Sleep Do Children and Teens Need?',
            "summary": 'Recommended sleep hours for children and teenagers by age, why teens fall asleep later, and practical steps for families.',
            "message": 'Add section on teenage body clocks; add CDC link and disclaimer',
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
            "title": 'How Much Sleep Do Children and Teens Really Need?',
            "summary": 'Recommended sleep hours for children and teenagers by age, why teens fall asleep later, and practical steps for families.',
            "message": 'Tighten introduction; mention school start times',
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
}
