"""Vocabularies: load the package's JSON data files, validate them, and index them for matching.

Analysts edit the JSON files in ``figextract/data``; nothing in the code lists words. A broken file
fails loudly with the file name and the JSON path of the bad entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import regex

from .tokens import tokenize

__all__ = [
    "CUE_ROLES", "FILES", "GROUPS", "Lexicon", "LexiconError", "Organisation", "Phrase", "QUALIFIERS", "Role", "SCOPES", "SOURCE_KEYS",
    "SOURCE_KINDS", "SpeechVocab", "TYPES", "UNITS", "build_lexicon", "is_case_sensitive", "load_lexicon", "phrase_key", "read_lexicon_files",
    "verb_forms",
]  # fmt: skip

FILES = ("numbers.json", "cues.json", "victims.json", "sources.json", "grammar.json")
TYPES = ("killed", "injured", "missing", "displaced", "detained", "abducted", "casualties")
CUE_ROLES = ("verbs", "intransitive", "nouns", "tolls", "heads")
QUALIFIERS = ("exact", "approximate", "less_than", "more_than", "at_least", "at_most", "range", "vague")
GROUPS = ("civilians", "combatants", "security_forces", "unspecified")
UNITS = ("people", "households", "families")
SOURCE_KINDS = ("organisation", "official", "witness", "media")
SCOPES = ("incident", "cumulative")
SOURCE_KEYS = (
    "organisations", "roles", "titles", "representatives", "speaker_links", "media", "anaphors", "general_anaphors", "describing_modifiers",
    "qualifier_words", "not_names", "attribution", "parse", "org_nouns", "person_speakers",
)  # fmt: skip


class LexiconError(ValueError):
    """A vocabulary file is missing, is not valid JSON, or breaks the schema."""


Phrase = tuple[str, ...]


def phrase_key(text: str) -> Phrase:
    """Split a vocabulary entry into the lower-case word sequence the tokenizer produces."""
    return tuple(t.lower for t in tokenize(text))


def is_case_sensitive(entry: str) -> bool:
    """All-capital entries ('WHO', 'IS') match only as written, so 'who' and 'is' stay words."""
    letters = [c for c in entry if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Organisation:
    name: str
    kind: str  # the source_kind of its figures
    aliases: tuple[str, ...]
    generic: bool = False  # a kind of body with many instances: a qualified mention keeps its own words


@dataclass(frozen=True)
class Role:
    """People who report without being a body: officials, witnesses, doctors."""

    name: str  # the source written to records: the role, plural, as the text spells it
    kind: str


@dataclass(frozen=True)
class SpeechVocab:
    """The vocabularies that say who speaks: roles, titles, media, and the parse rules' lemmas."""

    roles: Mapping[Phrase, Role] = field(default_factory=dict)  # "a witness" -> witnesses
    titles: Mapping[str, str] = field(default_factory=dict)  # "Sgt" (no full stop, as written) -> a source name
    kinds: Mapping[str, str] = field(default_factory=dict)  # role or organisation name -> its kind
    representatives: frozenset[str] = frozenset()  # "spokesman": a person who speaks for a body
    speaker_links: frozenset[str] = frozenset()  # "of", "for": "Sgt. Jane Roe of the Dayton police"
    media_nouns: frozenset[Phrase] = frozenset()
    media_name_words: frozenset[str] = frozenset()  # as written: "News", "TV"
    call_sign: regex.Pattern[str] | None = None
    general_anaphors: frozenset[str] = frozenset()  # "group": refers to the last body named, whatever it is
    describing_modifiers: frozenset[Phrase] = frozenset()
    qualifier_words: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()  # capitalised words that name nobody ("Meanwhile", "Mr")
    reporting_verbs: frozenset[str] = frozenset()
    agent_verbs: frozenset[str] = frozenset()
    speech_lemmas: frozenset[str] = frozenset()  # the parse's verbs a name alone can be the subject of
    speech_verbs: frozenset[str] = frozenset()  # "said", "told": quote a name alone, and end a name
    to_listener: frozenset[str] = frozenset()  # "told": its object only listens
    clause_breaks: frozenset[str] = frozenset()  # "but": a quote after it does not reach back
    not_organisations: frozenset[str] = frozenset()


@dataclass(frozen=True, eq=False)  # hashed by identity, so caches can key on it
class Lexicon:
    """Validated vocabularies with lookup tables built once."""

    raw: Mapping[str, Any]
    units: Mapping[str, int]
    tens: Mapping[str, int]
    scales: Mapping[str, int]
    scale_suffixes: Mapping[str, int]
    groups_of: Mapping[str, int]
    fractions: Mapping[str, Fraction]  # lower-case words as written: 'half', 'three quarters'
    vague: Mapping[Phrase, tuple[int, int]]
    vague_multipliers: Mapping[Phrase, tuple[int, int]]
    qualifiers: Mapping[Phrase, str]
    cues: Mapping[Phrase, frozenset[tuple[str, str]]]  # phrase -> {(type, role)}
    lives_verbs: frozenset[str]
    needs_victims: frozenset[str]  # cue words that govern a number only with a victim noun ("shot 68" is golf)
    toll_links: frozenset[str]
    victims: Mapping[Phrase, str]  # case-insensitive phrase -> category
    victims_cased: Mapping[Phrase, str]  # case-sensitive (all-capital) phrase -> category
    group_of: Mapping[str, str]  # category -> group
    member_nouns: frozenset[str]
    unit_nouns: Mapping[str, str]  # "families" -> "families", "household" -> "households"
    implied_types: Mapping[str, str]  # category -> type it carries alone ("refugees" are displaced)
    modifiers: Mapping[Phrase, str]
    organisations: tuple[Organisation, ...]
    anaphors: frozenset[Phrase]
    anaphor_heads: frozenset[str]  # last words of the anaphors: "group", "monitor", "agency"
    after_speaker: frozenset[Phrase]
    before_speaker: frozenset[Phrase]
    inverted: frozenset[Phrase]
    speaker_nouns: frozenset[str]
    participles: frozenset[Phrase]
    person_speakers: frozenset[str]
    org_nouns_standalone: frozenset[str]
    org_nouns: frozenset[str]  # every organisation head noun, standalone or not
    words: Mapping[str, frozenset[str]] = field(default_factory=dict)  # grammar word classes
    phrases: Mapping[str, frozenset[Phrase]] = field(default_factory=dict)  # multi-word classes
    speech: SpeechVocab = field(default_factory=SpeechVocab)  # who speaks: roles, titles, media

    def to_dict(self) -> dict[str, Any]:
        """The file contents this lexicon was built from, keyed by file name."""
        return {name: self.raw[name] for name in FILES}


def _read_package_file(name: str) -> Any:
    text = resources.files("figextract.rules.data").joinpath(name).read_text(encoding="utf-8")
    return _parse_json(text, name)


def _parse_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{where}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None


def _require(cond: bool, where: str, message: str) -> None:
    if not cond:
        raise LexiconError(f"{where}: {message}")


def _str_list(value: Any, where: str) -> list[str]:
    _require(isinstance(value, list), where, f"expected a list of strings, got {type(value).__name__}")
    for i, item in enumerate(value):
        _require(isinstance(item, str) and item.strip() != "", f"{where}[{i}]", f"expected a non-empty string, got {item!r}")
    return value


def _str_map(value: Any, where: str) -> dict[str, Any]:
    _require(isinstance(value, dict), where, f"expected an object, got {type(value).__name__}")
    return {k: v for k, v in value.items() if not k.startswith("_")}


def _int_map(value: Any, where: str) -> dict[str, int]:
    out = _str_map(value, where)
    for k, v in out.items():
        _require(isinstance(v, int) and not isinstance(v, bool) and v >= 0, f"{where}.{k}", f"expected a non-negative integer, got {v!r}")
    return out


def _bounds(value: Any, where: str) -> tuple[int, int]:
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 0 <= value[0] <= value[1]
    )
    _require(ok, where, f"expected [low, high] with 0 <= low <= high, got {value!r}")
    return (value[0], value[1])


def _known_keys(value: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
    extra = sorted(k for k in value if not k.startswith("_") and k not in set(allowed))
    _require(not extra, where, f"unknown key(s) {extra}; allowed: {sorted(allowed)}")


def build_lexicon(data: Mapping[str, Any]) -> Lexicon:
    """Validate the five vocabulary documents and build the lookup tables."""
    for name in FILES:
        _require(name in data, name, "file is missing")
        _require(isinstance(data[name], dict), name, "expected a JSON object at the top level")

    num = data["numbers.json"]
    _known_keys(num, ["units", "tens", "scales", "scale_suffixes", "groups", "fractions", "vague", "vague_multipliers", "qualifiers"], "numbers.json")
    fractions: dict[str, Fraction] = {}
    for k, v in _str_map(num.get("fractions", {}), "numbers.json.fractions").items():
        _require(isinstance(v, (int, float)) and 0 < v < 1, f"numbers.json.fractions.{k}", f"expected a number between 0 and 1, got {v!r}")
        fractions[k.lower()] = Fraction(str(v))  # 0.75 as written is 3/4: counts stay exact
    qualifiers: dict[Phrase, str] = {}
    for q, entries in _str_map(num.get("qualifiers", {}), "numbers.json.qualifiers").items():
        _require(q in QUALIFIERS and q not in ("exact", "range", "vague"), f"numbers.json.qualifiers.{q}", f"unknown qualifier; allowed: {list(QUALIFIERS[1:6])}")
        for entry in _str_list(entries, f"numbers.json.qualifiers.{q}"):
            qualifiers[phrase_key(entry)] = q

    cue_doc = data["cues.json"]
    _known_keys(cue_doc, ["types", "lives_verbs", "toll_links", "needs_victims", "not_cues"], "cues.json")
    cues: dict[Phrase, set[tuple[str, str]]] = {}
    for ctype, roles in _str_map(cue_doc.get("types"), "cues.json.types").items():
        where = f"cues.json.types.{ctype}"
        _require(ctype in TYPES, where, f"unknown casualty type; allowed: {list(TYPES)}")
        roles = _str_map(roles, where)
        _known_keys(roles, CUE_ROLES, where)
        for role, entries in roles.items():
            for entry in _str_list(entries, f"{where}.{role}"):
                cues.setdefault(phrase_key(entry), set()).add((ctype, role))
    for entry in _str_list(cue_doc.get("not_cues", []), "cues.json.not_cues"):
        cues[phrase_key(entry)] = set()  # no roles: it masks the shorter cue inside it

    vic = data["victims.json"]
    _known_keys(vic, ["groups", "categories", "armed_groups", "demonyms", "member_nouns", "modifiers", "implied_types", "units"], "victims.json")
    group_of: dict[str, str] = {}
    for group, cats in _str_map(vic.get("groups"), "victims.json.groups").items():
        _require(group in GROUPS, f"victims.json.groups.{group}", f"unknown group; allowed: {list(GROUPS)}")
        for cat in _str_list(cats, f"victims.json.groups.{group}"):
            _require(cat not in group_of, f"victims.json.groups.{group}", f"category {cat!r} is in two groups")
            group_of[cat] = group
    victims: dict[Phrase, str] = {}
    victims_cased: dict[Phrase, str] = {}

    def add_victim(entry: str, cat: str) -> None:
        target = victims_cased if is_case_sensitive(entry) else victims
        target.setdefault(phrase_key(entry) if target is victims else tuple(t.text for t in tokenize(entry)), cat)

    for cat, words in _str_map(vic.get("categories"), "victims.json.categories").items():
        _require(cat in group_of, f"victims.json.categories.{cat}", "category has no group in victims.json.groups")
        for w in _str_list(words, f"victims.json.categories.{cat}"):
            add_victim(w, cat)
    for w in _str_list(vic.get("armed_groups", []), "victims.json.armed_groups"):
        add_victim(w, "militants")
    for w in _str_list(vic.get("demonyms", []), "victims.json.demonyms"):
        add_victim(w, "people")
    modifiers = {}
    for k, cat in _str_map(vic.get("modifiers", {}), "victims.json.modifiers").items():
        _require(cat in group_of, f"victims.json.modifiers.{k}", f"unknown category {cat!r}")
        modifiers[phrase_key(k)] = cat
    implied = _str_map(vic.get("implied_types", {}), "victims.json.implied_types")
    for cat, ctype in implied.items():
        _require(cat in group_of and ctype in TYPES, f"victims.json.implied_types.{cat}", f"expected a known category and type, got {cat!r}: {ctype!r}")
    unit_nouns: dict[str, str] = {}
    for unit, words in _str_map(vic.get("units", {}), "victims.json.units").items():
        _require(unit in UNITS and unit != "people", f"victims.json.units.{unit}", f"unknown unit; allowed: {list(UNITS[1:])}")
        for w in _str_list(words, f"victims.json.units.{unit}"):
            unit_nouns[w.lower()] = unit
    missing = sorted(set(group_of) - set(victims.values()) - set(victims_cased.values()))
    _require(not missing, "victims.json.categories", f"categories with no words: {missing}")

    src = data["sources.json"]
    _known_keys(src, SOURCE_KEYS, "sources.json")
    orgs = []
    _require(isinstance(src.get("organisations"), list), "sources.json.organisations", "expected a list")
    for i, org in enumerate(src["organisations"]):
        where = f"sources.json.organisations[{i}]"
        _require(isinstance(org, dict), where, "expected an object")
        _known_keys(org, ["name", "kind", "aliases", "generic"], where)
        _require(isinstance(org.get("name"), str) and org["name"].strip() != "", where, "missing key 'name'")
        kind = org.get("kind", "organisation")
        _require(kind in SOURCE_KINDS, f"{where}.kind", f"expected one of {list(SOURCE_KINDS)}, got {kind!r}")
        generic = org.get("generic", False)
        _require(isinstance(generic, bool), f"{where}.generic", f"expected true or false, got {generic!r}")
        aliases = tuple(_str_list(org.get("aliases", []), f"{where}.aliases")) or (org["name"],)
        orgs.append(Organisation(org["name"], kind, aliases, generic))
    att = _str_map(src.get("attribution"), "sources.json.attribution")
    _known_keys(att, ["after_speaker", "before_speaker", "inverted", "speaker_nouns", "participles", "speech_verbs", "to_listener", "clause_breaks"], "sources.json.attribution")
    org_nouns = _str_map(src.get("org_nouns", {}), "sources.json.org_nouns")
    _known_keys(org_nouns, ["standalone", "with_modifier"], "sources.json.org_nouns")

    gram = data["grammar.json"]
    word_classes: dict[str, frozenset[str]] = {}
    phrase_classes: dict[str, frozenset[Phrase]] = {}
    for name, entries in _str_map(gram, "grammar.json").items():
        keys = [phrase_key(e) for e in _str_list(entries, f"grammar.json.{name}")]
        phrase_classes[name] = frozenset(keys)
        word_classes[name] = frozenset(e.lower() for e in entries)
    required = (
        "stop_words", "auxiliaries", "glue", "breakdown_markers", "blockers", "object_starters", "months", "currency_symbols", "currency_words",
        "percent_words", "unit_words", "label_words", "sports_words", "report_nouns", "time_words", "pronoun_speakers", "time_nouns", "thing_nouns",
        "place_nouns", "non_people_nouns", "call_words", "gunfire_context", "shelter_places", "hospital_places", "event_words", "continuers", "name_joiners", "cumulative_markers", "whole_events", "stock_markers",
    )  # fmt: skip
    for name in required:
        _require(name in word_classes, "grammar.json", f"missing word class {name!r}")

    return Lexicon(
        raw={name: data[name] for name in FILES},
        units=_int_map(num.get("units"), "numbers.json.units"),
        tens=_int_map(num.get("tens"), "numbers.json.tens"),
        scales=_int_map(num.get("scales"), "numbers.json.scales"),
        scale_suffixes=_int_map(num.get("scale_suffixes"), "numbers.json.scale_suffixes"),
        groups_of=_int_map(num.get("groups"), "numbers.json.groups"),
        fractions=fractions,
        vague={phrase_key(k): _bounds(v, f"numbers.json.vague.{k}") for k, v in _str_map(num.get("vague"), "numbers.json.vague").items()},
        vague_multipliers={
            phrase_key(k): _bounds(v, f"numbers.json.vague_multipliers.{k}")
            for k, v in _str_map(num.get("vague_multipliers"), "numbers.json.vague_multipliers").items()
        },
        qualifiers=qualifiers,
        cues={k: frozenset(v) for k, v in cues.items()},
        lives_verbs=frozenset(_str_list(cue_doc.get("lives_verbs", []), "cues.json.lives_verbs")),
        needs_victims=frozenset(w.lower() for w in _str_list(cue_doc.get("needs_victims", []), "cues.json.needs_victims")),
        toll_links=frozenset(_str_list(cue_doc.get("toll_links", []), "cues.json.toll_links")),
        victims=victims,
        victims_cased=victims_cased,
        group_of=group_of,
        implied_types=implied,
        member_nouns=frozenset(w.lower() for w in _str_list(vic.get("member_nouns", []), "victims.json.member_nouns")),
        unit_nouns=unit_nouns,
        modifiers=modifiers,
        organisations=tuple(orgs),
        anaphors=frozenset(phrase_key(a) for a in _str_list(src.get("anaphors", []), "sources.json.anaphors")),
        anaphor_heads=frozenset(phrase_key(a)[-1] for a in _str_list(src.get("anaphors", []), "sources.json.anaphors")),
        after_speaker=frozenset(phrase_key(a) for a in _str_list(att.get("after_speaker", []), "sources.json.attribution.after_speaker")),
        before_speaker=frozenset(phrase_key(a) for a in _str_list(att.get("before_speaker", []), "sources.json.attribution.before_speaker")),
        inverted=frozenset(phrase_key(a) for a in _str_list(att.get("inverted", []), "sources.json.attribution.inverted")),
        speaker_nouns=frozenset(w.lower() for w in _str_list(att.get("speaker_nouns", []), "sources.json.attribution.speaker_nouns")),
        person_speakers=frozenset(w.lower() for w in _str_list(src.get("person_speakers", []), "sources.json.person_speakers")),
        participles=frozenset(phrase_key(a) for a in _str_list(att.get("participles", []), "sources.json.attribution.participles")),
        org_nouns_standalone=frozenset(w.lower() for w in _str_list(org_nouns.get("standalone", []), "sources.json.org_nouns.standalone")),
        org_nouns=frozenset(
            w.lower() for key in ("standalone", "with_modifier") for w in _str_list(org_nouns.get(key, []), f"sources.json.org_nouns.{key}")
        ),
        words=word_classes,
        phrases=phrase_classes,
        speech=_speech_vocab(src, orgs),
    )


def verb_forms(bases: frozenset[str], irregular: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """The verbs ``bases`` with their inflected forms ("report", "reports", "reported", "reporting"):
    a parse without a lemmatizer gives the words themselves. Spellings that no verb has ("admited")
    are harmless: they never occur."""
    out = set(bases)
    for base in bases:
        out.update(irregular.get(base, ()))
        stem = base[:-1] if base.endswith("e") and not base.endswith("ee") else base
        # "admit" -> "admitted": a short final syllable doubles its consonant (both spellings kept)
        short = len(base) > 2 and base[-1] in "bdgklmnprt" and base[-2] in "aeiou" and base[-3] not in "aeiou"
        if base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
            out.update({base[:-1] + "ies", base[:-1] + "ied"})
        else:
            out.update({base + ("es" if base.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"), base + "d" if stem != base else base + "ed"})
        out.add(stem + "ing")
        if short:
            out.update({base + base[-1] + "ed", base + base[-1] + "ing"})
    return frozenset(out)


def _speech_vocab(src: Mapping[str, Any], orgs: list[Organisation]) -> SpeechVocab:
    """Validate the keys of sources.json that say who speaks (roles, titles, media, parse lemmas)."""
    kinds = {org.name: org.kind for org in orgs}
    roles: dict[Phrase, Role] = {}
    where = "sources.json.roles"
    _require(isinstance(src.get("roles", []), list), where, "expected a list")
    for i, entry in enumerate(src.get("roles", [])):
        at = f"{where}[{i}]"
        _require(isinstance(entry, dict), at, "expected an object")
        _known_keys(entry, ["name", "kind", "words"], at)
        _require(isinstance(entry.get("name"), str) and entry["name"].strip() != "", at, "missing key 'name'")
        _require(entry.get("kind") in SOURCE_KINDS, f"{at}.kind", f"expected one of {list(SOURCE_KINDS)}, got {entry.get('kind')!r}")
        _require(entry["name"] not in kinds, f"{at}.name", f"{entry['name']!r} is also an organisation's name")
        role = Role(entry["name"], entry["kind"])
        kinds[role.name] = role.kind
        for j, word in enumerate(_str_list(entry.get("words"), f"{at}.words")):
            key = phrase_key(word)
            _require(key not in roles, f"{at}.words[{j}]", f"{word!r} is already a word of role {roles[key].name!r}" if key in roles else "")
            roles[key] = role
    titles: dict[str, str] = {}
    for target, entries in _str_map(src.get("titles", {}), "sources.json.titles").items():
        _require(target in kinds, f"sources.json.titles.{target}", "unknown source; expected the name of a role or an organisation")
        for j, word in enumerate(_str_list(entries, f"sources.json.titles.{target}")):
            title = word.rstrip(".")
            _require(title[:1].isupper(), f"sources.json.titles.{target}[{j}]", f"a title is written capitalised, got {word!r}")
            titles[title] = target
    media = _str_map(src.get("media", {}), "sources.json.media")
    _known_keys(media, ["nouns", "name_words", "call_sign"], "sources.json.media")
    call_sign = None
    if "call_sign" in media:
        _require(isinstance(media["call_sign"], str), "sources.json.media.call_sign", "expected a regular expression as a string")
        try:
            call_sign = regex.compile(media["call_sign"])
        except regex.error as exc:
            raise LexiconError(f"sources.json.media.call_sign: not a valid regular expression: {exc}") from None
    parse = _str_map(src.get("parse", {}), "sources.json.parse")
    _known_keys(parse, ["reporting_verbs", "speech_lemmas", "agent_verbs", "irregular_forms", "not_organisations"], "sources.json.parse")
    irregular = {base: _str_list(forms, f"sources.json.parse.irregular_forms.{base}") for base, forms in _str_map(parse.get("irregular_forms", {}), "sources.json.parse.irregular_forms").items()}
    att = _str_map(src.get("attribution", {}), "sources.json.attribution")

    def words(value: Any, at: str) -> frozenset[str]:
        return frozenset(w.lower() for w in _str_list(value, at))

    def phrases(value: Any, at: str) -> frozenset[Phrase]:
        return frozenset(phrase_key(w) for w in _str_list(value, at))

    return SpeechVocab(
        roles=roles,
        titles=titles,
        kinds=kinds,
        representatives=words(src.get("representatives", []), "sources.json.representatives"),
        speaker_links=words(src.get("speaker_links", []), "sources.json.speaker_links"),
        media_nouns=phrases(media.get("nouns", []), "sources.json.media.nouns"),
        media_name_words=frozenset(_str_list(media.get("name_words", []), "sources.json.media.name_words")),
        call_sign=call_sign,
        general_anaphors=words(src.get("general_anaphors", []), "sources.json.general_anaphors"),
        describing_modifiers=phrases(src.get("describing_modifiers", []), "sources.json.describing_modifiers"),
        qualifier_words=frozenset(w for entry in _str_list(src.get("qualifier_words", []), "sources.json.qualifier_words") for w in phrase_key(entry)),
        not_names=frozenset(_str_list(src.get("not_names", []), "sources.json.not_names")),
        reporting_verbs=verb_forms(words(parse.get("reporting_verbs", []), "sources.json.parse.reporting_verbs"), irregular),
        agent_verbs=verb_forms(words(parse.get("agent_verbs", []), "sources.json.parse.agent_verbs"), irregular),
        speech_lemmas=verb_forms(words(parse.get("speech_lemmas", []), "sources.json.parse.speech_lemmas"), irregular),
        speech_verbs=words(att.get("speech_verbs", []), "sources.json.attribution.speech_verbs"),
        to_listener=words(att.get("to_listener", []), "sources.json.attribution.to_listener"),
        clause_breaks=words(att.get("clause_breaks", []), "sources.json.attribution.clause_breaks"),
        not_organisations=frozenset(_str_list(parse.get("not_organisations", []), "sources.json.parse.not_organisations")),
    )


def read_lexicon_files(path: str | Path | None = None) -> dict[str, Any]:
    """Read the vocabulary documents from ``path`` (a folder), falling back to the package files.

    A folder may hold only some of the files; the rest come from the package.
    """
    data = {name: _read_package_file(name) for name in FILES}
    if path is not None:
        folder = Path(path)
        if not folder.is_dir():
            raise LexiconError(f"{folder}: lexicon folder does not exist")
        for name in FILES:
            file = folder / name
            if file.exists():
                data[name] = _parse_json(file.read_text(encoding="utf-8"), str(file))
    return data


@lru_cache(maxsize=8)
def load_lexicon(path: str | None = None) -> Lexicon:
    """The validated lexicon from the package data (or a folder that overrides some files)."""
    return build_lexicon(read_lexicon_files(path))
