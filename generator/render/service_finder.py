"""The card's service finder: the network's services by whom they are for, with the
channels and languages a customer can filter them by.

Without JavaScript the card lists the services by customer group (each group with links
to its services; a service that names no group is for everyone), then each service once.
With it, netcard-services.js filters the services by customer group, channel and language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import get_args

from generator.model.schema import Channel, Network, Service
from generator.model.types import Text

CHANNEL_ORDER: tuple[str, ...] = get_args(Channel)


@dataclass(frozen=True)
class CustomerGroup:
    """A group of customers: `key` names it in the page's filter ("g0", "g1" …)."""

    key: str
    name: Text


@dataclass(frozen=True)
class ServiceEntry:
    service: Service
    groups: tuple[CustomerGroup, ...]  # empty: for everyone

    @property
    def group_keys(self) -> str:
        return " ".join(group.key for group in self.groups)


@dataclass(frozen=True)
class ServiceFinder:
    entries: tuple[ServiceEntry, ...]
    groups: tuple[CustomerGroup, ...]  # the groups some service is for, in the card's order
    channels: tuple[str, ...]  # the channels some service uses, in the contract's order
    languages: tuple[str, ...]  # the languages some service is given in, by code

    def grouped(self) -> list[tuple[CustomerGroup | None, list[ServiceEntry]]]:
        """The services by customer group: each group with its services, then the
        services for everyone (None); just one list when no service names a group."""
        if not self.groups:
            return [(None, list(self.entries))]
        sections: list[tuple[CustomerGroup | None, list[ServiceEntry]]] = [
            (group, [e for e in self.entries if group in e.groups]) for group in self.groups]
        for_everyone = [entry for entry in self.entries if not entry.groups]
        if for_everyone:
            sections.append((None, for_everyone))
        return sections

    @property
    def by_group(self) -> bool:
        """Worth a choice of customer group: some group leaves some service out."""
        return any(entry.groups and group not in entry.groups
                   for group in self.groups for entry in self.entries)

    @property
    def by_channel(self) -> bool:
        """Worth a choice of channel: some channel leaves some service out."""
        return any(channel not in entry.service.channels
                   for channel in self.channels for entry in self.entries)

    @property
    def by_language(self) -> bool:
        """Worth a choice of language: some language leaves some service out."""
        return any(code not in entry.service.languages
                   for code in self.languages for entry in self.entries)

    @property
    def filterable(self) -> bool:
        """Worth filters: some choice would narrow the services down."""
        return self.by_group or self.by_channel or self.by_language


def customer_key(text: Text, default_language: str) -> str:
    """How a service's customer group is matched with the card's: its default-language
    text, with spacing and case evened out."""
    return " ".join(text.get(default_language, default_language).split()).casefold()


def service_finder(network: Network, site_languages: list[str]) -> ServiceFinder:
    """The finder of the card's services (the public ones, on the public card). Its
    languages: the site's own first, in their order, then the others by code."""
    default_language = site_languages[0]
    known: dict[str, Text] = {}
    for customer in network.customers:
        known.setdefault(customer_key(customer, default_language), customer)
    for service in network.services:  # a group no card customer names is a group too
        for customer in service.customers:
            known.setdefault(customer_key(customer, default_language), customer)
    used = {customer_key(c, default_language) for s in network.services for c in s.customers}
    groups = {key: CustomerGroup(f"g{number}", text)
              for number, (key, text) in enumerate(known.items()) if key in used}
    entries = tuple(
        ServiceEntry(service, tuple(dict.fromkeys(
            groups[customer_key(c, default_language)] for c in service.customers)))
        for service in network.services)
    channels = {channel for service in network.services for channel in service.channels}
    languages = {code for service in network.services for code in service.languages}
    return ServiceFinder(entries, tuple(groups.values()),
                         tuple(c for c in CHANNEL_ORDER if c in channels),
                         tuple(sorted(languages, key=lambda code: (
                             site_languages.index(code) if code in site_languages
                             else len(site_languages), code))))


@lru_cache(maxsize=512)
def language_label(code: str, language: str) -> str:
    """A language's name in the page's language, capitalised: Arabia, Arabiska, Arabic."""
    from babel import Locale

    try:
        name = Locale.parse(code).get_display_name(Locale.parse(language)) or code
    except (ValueError, LookupError):
        return code
    return name[:1].upper() + name[1:]
