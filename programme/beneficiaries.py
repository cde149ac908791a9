"""The programme's beneficiaries: the inhabitants of its Moroccan communes.

Computed from the communes' population fields (``programme/data/taxonomy.json``,
editable in the admin), never typed on a page, so that a corrected census figure
changes every total at once. One query: the Moroccan communes of one locale (the
Arabic versions of the same communes are not counted twice).
"""

from dataclasses import dataclass

from .models import Commune


@dataclass(frozen=True)
class Population:
    total: int
    men: int
    women: int

    def share_of(self, whole):
        """This population as a percentage of ``whole``'s (one decimal)."""
        return round(100 * self.total / whole.total, 1) if whole.total else 0.0


@dataclass(frozen=True)
class Beneficiaries:
    population: Population
    # The most populous commune (Tanger) and its weight in the total: one
    # city holds most of the beneficiaries, which the figures must not hide.
    largest: Commune | None
    largest_population: Population | None

    @property
    def largest_share(self):
        if self.largest_population is None:
            return 0.0
        return self.largest_population.share_of(self.population)


def _population(commune):
    return Population(
        commune.population_total or 0,
        commune.population_men or 0,
        commune.population_women or 0,
    )


def beneficiaries(locale_id):
    """The beneficiaries counted in the locale ``locale_id``."""
    communes = [
        (commune, _population(commune))
        for commune in Commune.objects.filter(locale_id=locale_id, country="MA").only(
            "name", "slug", "population_total", "population_men", "population_women"
        )
    ]
    total = Population(
        sum(p.total for _c, p in communes),
        sum(p.men for _c, p in communes),
        sum(p.women for _c, p in communes),
    )
    if not communes:
        return Beneficiaries(total, None, None)
    largest, largest_population = max(communes, key=lambda row: row[1].total)
    return Beneficiaries(total, largest, largest_population)
