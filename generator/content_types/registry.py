"""The built-in content types, in the order content/ lists them (site.yaml comes first
and media/ last; see load/content.py)."""

from __future__ import annotations

from generator.content_types.competences import COMPETENCES
from generator.content_types.evaluations import EVALUATIONS
from generator.content_types.futures import FUTURES
from generator.content_types.members import MEMBERS
from generator.content_types.network import NETWORK
from generator.content_types.pages import PAGES
from generator.content_types.portfolios import PORTFOLIOS
from generator.content_types.strategy import STRATEGY
from generator.content_types.ties import TIES
from generator.content_types.workbook import WORKBOOK
from generator.model.content_type import ContentTypes

BUILT_IN = ContentTypes((NETWORK, TIES, COMPETENCES, MEMBERS, PORTFOLIOS, FUTURES, EVALUATIONS,
                         WORKBOOK, STRATEGY, PAGES))
