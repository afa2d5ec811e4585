"""Write a realistic synthetic netcard site of a given size, for scale benchmarks.

    python benchmarks/synthetic_network.py OUT --members 2000 --ties 8000 [--seed 7]

OUT gets `content/` with site.yaml, network.yaml (services, coordination),
competences.yaml, ties.yaml, one file per member and a few pages. The network
has community structure: members fall into regional clusters, most ties stay
inside a cluster and a few members (the brokers) carry most of the ties between
clusters, so brokerage and structural holes have something to find. A few
members are external partners, a few have left (former), a few are internal.
The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

SECTORS = ["education", "employment", "municipality", "government", "ngo", "business", "project",
           "other"]
SECTOR_WEIGHTS = [30, 12, 18, 6, 16, 10, 6, 2]
KINDS = ["organisation", "unit", "group", "person"]
KIND_WEIGHTS = [60, 20, 8, 12]
ROLES = ["core", "partner", "associate"]
ROLE_WEIGHTS = [15, 55, 30]
# No colours: as docs/content-format.md advises (a colour can read as a sector's), the
# graph draws each type in a neutral tone with a line style of its own.
TIE_TYPES = {
    "referral": ("Asiakasohjaus", "Hänvisning", "Referral"),
    "cooperation": ("Yhteistyö", "Samarbete", "Cooperation"),
    "funding": ("Rahoitus", "Finansiering", "Funding"),
    "information": ("Tiedonvaihto", "Informationsutbyte", "Information exchange"),
    "training": ("Koulutus", "Utbildning", "Training"),
}
TIE_TYPE_WEIGHTS = [35, 30, 5, 20, 10]
TIE_CHANNELS = ["meetings", "email", "phone", "shared-system", "other"]
AREAS = [
    ("tieto-ja-neuvonta", "Tieto ja neuvonta", "Information and advice", "guidance"),
    ("urasuunnittelu", "Urasuunnittelu", "Career planning", "guidance"),
    ("koulutusneuvonta", "Koulutusneuvonta", "Educational guidance", "guidance"),
    ("elamanhallinta", "Elämänhallinta", "Life management", "guidance"),
    ("osaamisen-tunnistaminen", "Osaamisen tunnistaminen", "Recognition of prior learning",
     "work"),
    ("tyonantajayhteistyo", "Työnantajayhteistyö", "Employer cooperation", "work"),
    ("maahanmuuttajat", "Maahanmuuttajien ohjaus", "Guidance for immigrants", "work"),
    ("digitaalinen-ohjaus", "Digitaalinen ohjaus", "Digital guidance", "methods"),
    ("ryhmaohjaus", "Ryhmäohjaus", "Group guidance", "methods"),
    ("verkostojohtaminen", "Verkostojohtaminen", "Network leadership", "methods"),
]
PLACES = ["koski", "lahti", "harju", "niemi", "salo", "vaara", "joki", "ranta", "kallio", "metsä",
          "laakso", "mäki", "saari", "lampi", "suo", "kangas"]
UNITS = ["opisto", "palvelut", "keskus", "ry", "hanke", "osuuskunta", "verkko", "talo", "paja",
         "toimisto"]


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    kind: str
    sector: str
    role: str
    cluster: int
    external: bool
    left: str | None
    internal: bool
    competences: dict[str, int]
    joined: str


@dataclass(frozen=True)
class Tie:
    a: str
    b: str
    directed: bool
    type: str
    strength: int
    channels: tuple[str, ...]
    since: str
    internal: bool


def make_members(rng: random.Random, count: int) -> list[Member]:
    """Members in clusters of about 40, roughly as many per cluster."""
    clusters = max(1, round(count / 40))
    members = []
    for number in range(count):
        place = PLACES[number % len(PLACES)]
        unit = rng.choice(UNITS)
        member_id = f"{place}-{unit}-{number:05d}".replace("ä", "a")
        areas = rng.sample(AREAS, rng.randint(1, 4))
        members.append(Member(
            id=member_id,
            name=f"{place.capitalize()}n {unit} {number}",
            kind=rng.choices(KINDS, KIND_WEIGHTS)[0],
            sector=rng.choices(SECTORS, SECTOR_WEIGHTS)[0],
            role=rng.choices(ROLES, ROLE_WEIGHTS)[0],
            cluster=rng.randrange(clusters),
            external=rng.random() < 0.05,
            left=f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}" if rng.random() < 0.03
            else None,
            internal=rng.random() < 0.02,
            competences={area[0]: rng.randint(1, 5) for area in areas},
            joined=f"{rng.randint(2008, 2024)}",
        ))
    return members


def make_ties(rng: random.Random, members: list[Member], count: int) -> list[Tie]:
    """Ties mostly within a cluster; about 8 % bridge clusters, through a few broker members.

    Each pair is tied at most once, so the requested count is the number of distinct pairs
    (capped at what the member count allows).
    """
    by_cluster: dict[int, list[Member]] = {}
    for member in members:
        by_cluster.setdefault(member.cluster, []).append(member)
    brokers = [m for m in members if rng.random() < 0.03] or members[:1]
    count = min(count, len(members) * (len(members) - 1) // 2)
    seen: set[tuple[str, str]] = set()
    ties: list[Tie] = []
    while len(ties) < count:
        a = rng.choice(members)
        if rng.random() < 0.08:
            b = rng.choice(brokers)
        else:
            group = by_cluster[a.cluster]
            # preferential: lower indexes within a cluster are hubs
            b = group[min(int(rng.paretovariate(1.2)) - 1, len(group) - 1)] \
                if rng.random() < 0.4 else rng.choice(group)
        if a.id == b.id:
            continue
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key in seen:
            continue
        seen.add(key)
        tie_type = rng.choices(list(TIE_TYPES), TIE_TYPE_WEIGHTS)[0]
        ties.append(Tie(
            a=a.id, b=b.id,
            directed=tie_type == "funding" or rng.random() < 0.15,
            type=tie_type,
            strength=rng.choices([1, 2, 3, 4, 5], [10, 20, 35, 25, 10])[0],
            channels=tuple(rng.sample(TIE_CHANNELS, rng.randint(1, 2))),
            since=f"{rng.randint(2010, 2025)}",
            internal=rng.random() < 0.03,
        ))
    return ties


LANGUAGES = ["fi", "en"]


def text(fi: str, en: str, sv: str | None = None) -> str:
    """A flow-style Text in the site's languages (Swedish falls back to the English words)."""
    words = {"fi": fi, "sv": sv or en, "en": en}
    return "{" + ", ".join(f'{lang}: "{words[lang]}"' for lang in LANGUAGES) + "}"


def site_yaml(members: int) -> str:
    return (
        f'title: {text(f"Synteettinen verkosto {members}", f"Synthetic network {members}")}\n'
        "base_url: https://synthetic.example.org/\n"
        f"languages: [{', '.join(LANGUAGES)}]\n"
        "theme: default\n"
        "graph: {physics_max_nodes: 0}\n"
        "search: false\n"
    )


def network_yaml(rng: random.Random, members: list[Member]) -> str:
    current = [m for m in members if m.left is None and not m.external and not m.internal]
    lines = [
        f'name: {text("Synteettinen ohjausverkosto", "Synthetic guidance network")}',
        f'tagline: {text("Mittakaavatesti", "A scale test")}',
        "purpose: " + text("Verkosto on olemassa **mittaamista** varten.",
                           "The network exists to be **measured**."),
        "goals:",
        f'  - {text("Nopea käännös", "A fast build")}',
        "customers:",
        f'  - {text("Aikuiset", "Adults")}',
        "services:",
    ]
    for number, (area_id, fi, en, _group) in enumerate(AREAS[:6]):
        providers = ", ".join(m.id for m in rng.sample(current, min(5, len(current))))
        lines += [
            f"  - id: palvelu-{area_id}",
            f"    name: {text(fi, en)}",
            f'    description: {text(f"Palvelu {number}.", f"Service {number}.")}',
            "    channels: [web, phone, one-to-one]",
            f"    providers: [{providers}]",
        ]
    core = [m for m in current if m.role == "core"] or current
    lines += [
        "contact: {email: verkosto@example.org, website: https://synthetic.example.org/}",
        "founded: 2012",
        "profile: {level: local, structure: permanent, recurrence: permanent, intent: intentional}",
        "coordination:",
        f"  coordinators: [{core[0].id}]",
        "  groups:",
    ]
    levels = ["strategy", "internal-development", "joint-development", "network-group"]
    for number, level in enumerate(levels):
        group = ", ".join(m.id for m in rng.sample(core, min(8, len(core))))
        lines += [
            f"    - id: ryhma-{number}",
            f'      name: {text(f"Ryhmä {number}", f"Group {number}")}',
            f"      level: {level}",
            f"      members: [{group}]",
            f'      meets: {text("Kuukausittain", "Monthly")}',
        ]
    lines.append(f'  forums: [{text("Verkostopäivä", "Network day")}]')
    return "\n".join(lines) + "\n"


def competences_yaml() -> str:
    groups = {"guidance": ("Ohjaus", "Guidance"), "work": ("Työelämä", "Working life"),
              "methods": ("Menetelmät", "Methods")}
    lines = ["areas:"]
    for area_id, fi, en, group in AREAS:
        lines += [f"  - id: {area_id}", f"    name: {text(fi, en)}",
                  f"    group: {text(*groups[group])}"]
    lines += ["needs:", "  - area: maahanmuuttajat", "    level: 4",
              "  - area: verkostojohtaminen", "    level: 5"]
    return "\n".join(lines) + "\n"


def member_yaml(member: Member) -> str:
    lines = [
        f'name: "{member.name}"',
        f"kind: {member.kind}",
        f"sector: {member.sector}",
        f"role: {member.role}",
    ]
    if member.external:
        lines.append("external: true")
    lines += [
        f'description: "Jäsen {member.id} klusterissa {member.cluster}."',
        f"email: {member.id}@example.org",
        "competences: {" + ", ".join(f"{k}: {v}" for k, v in member.competences.items()) + "}",
        f"joined: {member.joined}",
    ]
    if member.left:
        lines.append(f"left: {member.left}")
    if member.internal:
        lines.append("visibility: internal")
    return "\n".join(lines) + "\n"


def ties_yaml(ties: list[Tie]) -> str:
    lines = ["types:"]
    for type_id, (fi, sv, en) in TIE_TYPES.items():
        lines.append(f"  {type_id}: {{label: {text(fi, en, sv)}}}")
    lines.append("ties:")
    for tie in ties:
        ends = f"from: {tie.a}, to: {tie.b}" if tie.directed else f"between: [{tie.a}, {tie.b}]"
        extra = ", visibility: internal" if tie.internal else ""
        lines.append(f"  - {{{ends}, type: {tie.type}, strength: {tie.strength}, "
                     f"channels: [{', '.join(tie.channels)}], since: {tie.since}{extra}}}")
    return "\n".join(lines) + "\n"


def pages() -> dict[str, str]:
    return {
        "tietoa": f"---\ntitle: {text('Tietoa', 'About')}\nmenu: true\norder: 10\n---\n"
                  "# Tietoa\n\nSynteettinen verkosto mittakaavan **mittaamiseen**.\n",
        "yhteystiedot": f"---\ntitle: {text('Yhteystiedot', 'Contact')}\nmenu: true\n"
                        "order: 20\n---\n"
                        "Sähköposti: verkosto@example.org\n",
        "muistio": f"---\ntitle: {text('Muistio', 'Notes')}\nvisibility: internal\n---\n"
                   "- yksi\n- kaksi\n",
    }


def write_site(out: Path, members: int, ties: int, seed: int = 7,
               languages: tuple[str, ...] = ("fi", "en")) -> Path:
    """Write OUT/content for `members` members and `ties` distinct ties; returns the content dir."""
    LANGUAGES[:] = languages
    rng = random.Random(seed)
    member_list = make_members(rng, members)
    tie_list = make_ties(rng, member_list, ties)
    content = out / "content"
    (content / "members").mkdir(parents=True, exist_ok=True)
    (content / "pages").mkdir(exist_ok=True)
    (content / "site.yaml").write_text(site_yaml(members), encoding="utf-8")
    (content / "network.yaml").write_text(network_yaml(rng, member_list), encoding="utf-8")
    (content / "competences.yaml").write_text(competences_yaml(), encoding="utf-8")
    (content / "ties.yaml").write_text(ties_yaml(tie_list), encoding="utf-8")
    for member in member_list:
        (content / "members" / f"{member.id}.yaml").write_text(member_yaml(member),
                                                               encoding="utf-8")
    for page_id, body in pages().items():
        (content / "pages" / f"{page_id}.md").write_text(body, encoding="utf-8")
    return content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write content/ into")
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--ties", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--languages", default="fi,en",
                        help="comma-separated, from fi, sv, en; the first is the default")
    args = parser.parse_args(argv)
    if args.members < 2 or args.ties < 0:
        parser.error("need at least 2 members and a non-negative number of ties")
    languages = tuple(args.languages.split(","))
    if not languages or not set(languages) <= {"fi", "sv", "en"}:
        parser.error("--languages takes fi, sv and en")
    content = write_site(args.out, args.members, args.ties, args.seed, languages)
    print(f"wrote {content} ({args.members} members, "
          f"{min(args.ties, args.members * (args.members - 1) // 2)} ties)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
