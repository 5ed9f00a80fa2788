"""Demo articles about sleep health, loaded by `flask --app cms demo load` on first run.

One module per article; each revision reads as a successive edit, so histories and diffs are real.
"""

from cms.demo.articles import caffeine_and_screens, children_and_teens, insomnia, napping_and_shift_work, sleep_apnea

DEMO_ARTICLES: list[dict] = [
    children_and_teens.ARTICLE, insomnia.ARTICLE, caffeine_and_screens.ARTICLE, sleep_apnea.ARTICLE,
    napping_and_shift_work.ARTICLE,
]
