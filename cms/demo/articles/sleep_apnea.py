"""Demo article: Sleep Apnea: Warning Signs and When to See a Doctor."""

ARTICLE = {
    "slug": 'sleep-apnea-warning-signs',
    "publish": 2,
    "revisions": [
        {
            "title": 'Snoring and Sleep Apnea',
            "summary": 'When snoring might be a sign of something more serious.',
            "message": 'First draft',
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
            "title": 'Sleep Apnea: Warning Signs and When to See a Doctor',
            "summary": 'Loud snoring with pauses in breathing can be a sign of obstructive sleep apnea. Here is what to look out for in adults and children, and when to get checked.',
            "message": 'Add section on children; add when-to-see-a-doctor advice and NHS link',
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
            "title": 'Sleep Apnea: Warning Signs and When to See a Doctor',
            "summary": 'Loud snoring with pauses in breathing can be a sign of obstructive sleep apnea. Here is what to look out for in adults and children, when to get checked, and how it is treated.',
            "message": 'Expand treatment section; merge risk factors into one paragraph; drop duplicate snoring bullet; add drowsy-driving warning',
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
}
