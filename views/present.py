"""Present: one chart per screen in projector type, with previous / next, a list of slides and the deck
in the URL; downloads of the chart's data, the offline HTML briefing and the PowerPoint pack."""

from indicators.ui import present

present.run()
