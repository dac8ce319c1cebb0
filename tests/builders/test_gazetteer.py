"""The gazetteer: its data, its loader and its generator."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builders import paths, records
from builders.errors import DataError
from builders.gazetteer import (
    HEADER,
    SOURCES_FILE,
    Gazetteer,
    GazetteerEntry,
    format_tsv,
    load_gazetteer,
    load_sources,
    normalize_name,
    read_entries,
    with_gazetteer,
)
from builders.gazetteer_ids import identifier_problem
from builders.identifiers import CHECK_DIGITS
from builders.ingest import gazetteer_generate as generator
from builders.ingest.gazetteer_mesh import STOP_LIST, classify, natural_name
from builders.ingest.lexicon import Lexicon
from builders.records import EntityType, MatchKind, SubstanceKind
from builders.vocabulary import load_vocabulary

GAZETTEER_DIR = paths.DATA_DIR / "vocabulary" / "gazetteer"
FIXTURE_MESH = Path(__file__).parent.parent / "resources" / "gazetteer" / "tree-numbers.tsv"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer(GAZETTEER_DIR)


# --- the committed data -------------------------------------------------------------------


def test_every_identifier_matches_its_registry_pattern(gazetteer: Gazetteer) -> None:
    problems = {e.id: identifier_problem(e.identifier) for e in gazetteer.entries.values()}
    assert {i: p for i, p in problems.items() if p} == {}
    prefixes = {e.identifier.partition(":")[0] for e in gazetteer.entries.values()}
    assert {"mesh", "wikidata", "iso.3166", "iso3166-2"} <= prefixes
    for prefix in prefixes & set(CHECK_DIGITS):  # ISSN and CAS carry a check digit
        for entry in gazetteer.entries.values():
            if entry.identifier.startswith(prefix + ":"):
                assert CHECK_DIGITS[prefix](entry.identifier.partition(":")[2]), entry.id


@pytest.mark.parametrize(
    ("curie", "problem"),
    [
        ("iso.3166:840", None),
        ("iso.3166:84", "not a well-formed iso.3166"),
        ("iso.3166:USA", "not a well-formed iso.3166"),
        ("iso3166-2:US-AL", None),
        ("iso3166-2:US-al", "not a well-formed iso3166-2"),
        ("iso3166-2:USA-AL", "not a well-formed iso3166-2"),
        ("mesh:D010098", None),
        ("mesh:Oxycodone", "not a well-formed mesh"),
        ("wikidata:Q204711", None),
        ("wikidata:Q0204711", "not a well-formed wikidata"),
        ("issn:1526-5900", None),
        ("issn:1526-5901", "fails the issn check digit"),
        ("iso3166:US-AL", "does not start with a known prefix"),
    ],
)
def test_identifier_patterns(curie: str, problem: str | None) -> None:
    found = identifier_problem(curie)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_provenance_of_every_entry(gazetteer: Gazetteer) -> None:
    sources = gazetteer.sources
    for entry in gazetteer.entries.values():
        source = sources[entry.source]
        assert bool(entry.checked_at) is not source.generated, entry.id
    for source in sources.values():
        assert source.name and source.publisher and source.licence and source.version
        assert source.retrieved and source.upstream
    mesh = sources["mesh"]
    assert mesh.generated and mesh.commit and mesh.sha256 and mesh.file
    used = {entry.source for entry in gazetteer.entries.values()}
    assert used == set(sources)


def test_the_domain_names_are_there(gazetteer: Gazetteer) -> None:
    wanted = {
        "oxycodone": EntityType.SUBSTANCE,
        "methadone": EntityType.SUBSTANCE,
        "buprenorphine": EntityType.SUBSTANCE,
        "naloxone": EntityType.SUBSTANCE,
        "naltrexone": EntityType.SUBSTANCE,
        "fentanyl": EntityType.SUBSTANCE,
        "heroin": EntityType.SUBSTANCE,
        "tramadol": EntityType.SUBSTANCE,
        "hydrocodone": EntityType.SUBSTANCE,
        "codeine": EntityType.SUBSTANCE,
        "withdrawal symptoms": EntityType.CONDITION,
        "craving": EntityType.CONDITION,
        "anxiety": EntityType.CONDITION,
        "insomnia": EntityType.CONDITION,
        "nausea": EntityType.CONDITION,
        "vomiting": EntityType.CONDITION,
        "diarrhoea": EntityType.CONDITION,
        "diarrhea": EntityType.CONDITION,
        "sweating": EntityType.CONDITION,
        "tremor": EntityType.CONDITION,
        "muscle pain": EntityType.CONDITION,
        "dependence": EntityType.CONDITION,
        "OUD": EntityType.CONDITION,
        "opioid use disorder": EntityType.CONDITION,
        "MAT": EntityType.METHOD,
        "overdose": EntityType.CONDITION,
        "respiratory depression": EntityType.CONDITION,
        "depression": EntityType.CONDITION,
        "yawning": EntityType.CONDITION,
        "goosebumps": EntityType.CONDITION,
        "irritability": EntityType.CONDITION,
        "FDA": EntityType.ORGANIZATION,
        "WHO": EntityType.ORGANIZATION,
        "U.S.": EntityType.JURISDICTION,
        "Alabama": EntityType.JURISDICTION,
        "District of Columbia": EntityType.JURISDICTION,
    }
    found = {name: {e.type for e in gazetteer.lookup(name)} for name in wanted}
    assert {name: kind for name, kind in wanted.items() if kind not in found[name]} == {}


def test_files_are_in_canonical_form() -> None:
    sources = load_sources(GAZETTEER_DIR / SOURCES_FILE)
    files = sorted(GAZETTEER_DIR.glob("*.tsv"))
    assert {f.name for f in files} >= set(generator.GENERATED_FILES)
    for path in files:
        entries = [entry for entry, _ in read_entries(path, sources)]
        assert format_tsv(entries).encode("utf-8") == path.read_bytes(), path.name


def test_places_files_are_what_the_pinned_packages_give(tmp_path: Path) -> None:
    # The MeSH snapshot is not committed; the places files are regenerated from the
    # installed (pinned) packages, with MeSH from the fixture.
    out = _fixture_folder(tmp_path, curated=sorted(GAZETTEER_DIR.glob("*.tsv")))
    texts = generator.generate(FIXTURE_MESH, out)
    for name in ("us-states.tsv", "countries.tsv"):
        assert texts[name] == (GAZETTEER_DIR / name).read_text(encoding="utf-8"), name


def test_ids_clash_with_the_curated_vocabulary_only_for_the_same_thing(
    gazetteer: Gazetteer,
) -> None:
    vocabulary = load_vocabulary(paths.DATA_DIR / "vocabulary")
    for entry_id in set(gazetteer.entries) & set(vocabulary.entities):
        entry, entity = gazetteer.entries[entry_id], vocabulary.entities[entry_id]
        names = {normalize_name(n) for n in (entity.label, *entity.synonyms)}
        assert entry.type is entity.type, entry_id
        assert normalize_name(entry.label) in names, entry_id
    deferred = gazetteer.deferring_to(vocabulary)
    assert not set(deferred.entries) & set(vocabulary.entities)


def test_curated_entities_take_precedence(gazetteer: Gazetteer) -> None:
    vocabulary = load_vocabulary(paths.DATA_DIR / "vocabulary")
    deferred = gazetteer.deferring_to(vocabulary)
    assert "morphine" in gazetteer.entries and "morphine" not in deferred.entries  # same id
    # cannabidiol is the curated cbd's label; the curated mu-opioid receptor has D017450
    assert gazetteer.lookup("cannabidiol") and not deferred.lookup("cannabidiol")
    assert "mu-opioid-receptors" not in deferred.entries
    # a curated entity that is only narrower keeps the broader descriptor in place
    broad = vocabulary.entities["opioid-withdrawal"].identifiers[0]
    assert broad.match is MatchKind.BROAD
    assert [e.id for e in deferred.lookup("withdrawal symptoms")] == [
        "substance-withdrawal-syndrome"
    ]
    assert len(deferred.entries) < len(gazetteer.entries)


def test_lookup_normalizes_case_hyphens_and_spaces(gazetteer: Gazetteer) -> None:
    for name in ("Opioid-Related Disorders", "opioid related  disorders", "OUD"):
        assert [e.id for e in gazetteer.lookup(name)] == ["opioid-related-disorders"]
    assert gazetteer.lookup("no such thing at all") == ()
    georgia = {e.identifier for e in gazetteer.lookup("Georgia")}
    assert georgia == {"iso.3166:268", "iso3166-2:US-GA"}


def test_stop_list_names_are_not_generated(gazetteer: Gazetteer) -> None:
    labels = {normalize_name(e.label) for e in gazetteer.entries.values() if e.source == "mesh"}
    assert not labels & {normalize_name(natural_name(name)) for name in STOP_LIST}


def test_curated_build_never_imports_ingest_code() -> None:
    code = (
        "import sys, pathlib, builders.gazetteer as g\n"
        "g.load_gazetteer(pathlib.Path(sys.argv[1]))\n"
        "bad = sorted(m for m in sys.modules if m.startswith('builders.ingest'))\n"
        "sys.exit(', '.join(bad) or None)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(GAZETTEER_DIR)],
        capture_output=True,
        text=True,
        check=False,
        cwd=paths.PROJECT_ROOT,
    )
    assert done.returncode == 0, done.stderr


# --- the generator ------------------------------------------------------------------------


def _fixture_folder(tmp_path: Path, curated: list[Path] | None = None) -> Path:
    out = tmp_path / "gazetteer"
    out.mkdir()
    shutil.copy(GAZETTEER_DIR / SOURCES_FILE, out / SOURCES_FILE)
    for path in curated or []:
        if path.name not in generator.GENERATED_FILES:
            shutil.copy(path, out / path.name)
    return out


CURATED_FIXTURE = (
    HEADER + "\n"
    "nausea\tnausea\tCondition\t\twikidata:Q186889\t\t\tcurated\ta test page\n"
    "oxycodone\toxycodone\tSubstance\tCompound\tmesh:D010098\t\tOxyContin\tcurated\ta test page\n"
)


def test_generator_is_deterministic_and_follows_its_rules(tmp_path: Path) -> None:
    out = _fixture_folder(tmp_path)
    (out / "curated.tsv").write_text(CURATED_FIXTURE, encoding="utf-8")
    first = generator.generate(FIXTURE_MESH, out)
    second = generator.generate(FIXTURE_MESH, out)
    assert first == second
    generator.write_files(out, first)
    again = {name: (out / name).read_bytes() for name in generator.GENERATED_FILES}
    generator.write_files(out, generator.generate(FIXTURE_MESH, out))
    assert again == {name: (out / name).read_bytes() for name in generator.GENERATED_FILES}

    loaded = load_gazetteer(out)
    mesh = {e.identifier: e for e in loaded.entries.values() if e.source == "mesh"}
    opioid_analgesics = mesh["mesh:D000701"]
    assert (opioid_analgesics.id, opioid_analgesics.label) == (
        "opioid-analgesics",
        "opioid analgesics",
    )
    assert opioid_analgesics.kind is SubstanceKind.DRUG_CLASS
    assert mesh["mesh:D017450"].type is EntityType.RECEPTOR
    assert mesh["mesh:D009270"].kind is SubstanceKind.COMPOUND  # naloxone
    assert mesh["mesh:D001569"].kind is SubstanceKind.DRUG_CLASS  # benzodiazepines
    assert mesh["mesh:D010936"].kind is SubstanceKind.PREPARATION  # plant extracts
    assert mesh["mesh:D003866"].type is EntityType.CONDITION  # F03 depressive disorder
    assert mesh["mesh:D016403"].label == "diffuse large B-cell lymphoma"
    assert mesh["mesh:D015658"].label == "HIV infections"
    # a curated id is never taken, a curated identifier is never generated again
    assert mesh["mesh:D009325"].id == "nausea-d009325"
    assert "mesh:D010098" not in mesh
    # stop-listed and out-of-branch descriptors are dropped
    kept_names = {e.label for e in mesh.values()}
    assert not kept_names & {"water", "lead", "anxiety", "abattoirs"}


@pytest.mark.parametrize(
    ("mesh_name", "natural"),
    [
        ("Analgesics, Opioid", "opioid analgesics"),
        ("Receptors, Opioid, mu", "mu opioid receptors"),
        ("Pulmonary Disease, Chronic Obstructive", "chronic obstructive pulmonary disease"),
        ("Diabetes Mellitus, Type 2", "type 2 diabetes mellitus"),
        (
            "Congenital, Hereditary, and Neonatal Diseases and Abnormalities",
            "congenital, hereditary, and neonatal diseases and abnormalities",
        ),
    ],
)
def test_natural_names(mesh_name: str, natural: str) -> None:
    assert natural_name(mesh_name) == natural


def test_classify_by_first_matching_branch() -> None:
    assert classify("Anxiety", ["F01.470.361"]) is None
    assert classify("Pain", ["C10.597.617", "G11.561.790"]) == (EntityType.CONDITION, None)
    assert classify("Opiate Alkaloids", ["D03.132.577"]) == (
        EntityType.SUBSTANCE,
        SubstanceKind.DRUG_CLASS,
    )
    assert classify("Cannabis", ["B01.650.940.800.575.100.200"]) is None


def test_generator_refuses_inputs_sources_yaml_does_not_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _fixture_folder(tmp_path)
    before = sorted(p.name for p in out.iterdir())
    assert generator.main(["--mesh", str(FIXTURE_MESH), "--out-dir", str(out)]) == 1
    message = capsys.readouterr().err
    assert f"{SOURCES_FILE}: field 'mesh.sha256'" in message
    assert "how to fix" in message
    assert sorted(p.name for p in out.iterdir()) == before  # nothing written


def test_generator_reports_a_malformed_mesh_file(tmp_path: Path) -> None:
    bad = tmp_path / "tree-numbers.tsv"
    bad.write_text("mesh_id\tmesh_name\tmesh_tree_number\nD000001\tCalcimycin\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        generator.generate(bad, _fixture_folder(tmp_path))
    assert str(caught.value).startswith(f"{bad}:2: expected 3 tab-separated fields")


# --- malformed gazetteer files -----------------------------------------------------------

GOOD_ROW = "alabama\tAlabama\tJurisdiction\t\tiso3166-2:US-AL\t\t\tus\t"


@pytest.mark.parametrize(
    ("row", "field", "problem"),
    [
        ("alabama\tAlabama\tJurisdiction\t\tiso3166-2:US-AL\t\tus\t", None, "expected 9"),
        (GOOD_ROW.replace("alabama", "Alabama!", 1), "id", "not a lower-case slug"),
        (GOOD_ROW.replace("Jurisdiction", "State"), "type", "'State' is not an entity type"),
        (GOOD_ROW.replace("Jurisdiction\t", "Jurisdiction\tPlant"), "kind", "only substances"),
        (GOOD_ROW.replace("US-AL", "us-al"), "identifier", "not a well-formed iso3166-2"),
        (GOOD_ROW.replace("US-AL\t", "US-AL\tsameAs"), "match", "not a SKOS match"),
        (GOOD_ROW.replace("\t\tus", "\tAL||Ala.\tus"), "synonyms", "empty or padded"),
        (GOOD_ROW.replace("\tus\t", "\tusa\t"), "source", "unknown source 'usa'"),
        (GOOD_ROW + "seen somewhere", "checked_at", "a generated row has checked_at"),
        (GOOD_ROW.replace("\tus\t", "\tcurated\t"), "checked_at", "does not say where"),
        (GOOD_ROW.replace("Alabama", " Alabama"), "label", "leading or trailing white space"),
    ],
)
def test_a_malformed_row_names_file_line_and_field(
    tmp_path: Path, row: str, field: str | None, problem: str
) -> None:
    folder = _fixture_folder(tmp_path)
    path = folder / "us-states.tsv"
    path.write_text(f"{HEADER}\naaa\tA\tCondition\t\tmesh:D000001\t\t\tmesh\t\n{row}\n")
    with pytest.raises(DataError) as caught:
        load_gazetteer(folder)
    where = f"{path}:3" + (f": field '{field}'" if field else "")
    assert str(caught.value).startswith(where + ": ")
    assert problem in caught.value.problem


def test_file_level_faults(tmp_path: Path) -> None:
    folder = _fixture_folder(tmp_path)
    path = folder / "places.tsv"
    cases = {
        b"id\tlabel\n": f"{path}:1: the first line is not the gazetteer header",
        (HEADER + "\n" + GOOD_ROW).encode(): f"{path}:2: the file does not end with a newline",
        (HEADER + "\n" + GOOD_ROW + "\n" + GOOD_ROW + "\n").encode(): (
            f"{path}:3: field 'id': id 'alabama' is not after 'alabama'"
        ),
        (HEADER + "\nb\u00e9\n").encode("latin-1"): f"{path}:2: the file is not valid UTF-8",
    }
    for content, message in cases.items():
        path.write_bytes(content)
        with pytest.raises(DataError) as caught:
            load_gazetteer(folder)
        assert str(caught.value).startswith(message)


def test_an_id_used_in_two_files_names_both_places(tmp_path: Path) -> None:
    folder = _fixture_folder(tmp_path)
    for name in ("a.tsv", "b.tsv"):
        (folder / name).write_text(f"{HEADER}\n{GOOD_ROW}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_gazetteer(folder)
    assert str(caught.value).startswith(
        f"{folder / 'b.tsv'}:2: field 'id': id 'alabama' is already used at {folder / 'a.tsv'}:2"
    )


def test_an_edited_gazetteer_file_is_read_again(tmp_path: Path) -> None:
    """The per-process cache of loaded gazetteers is keyed by the files' sizes and times."""
    folder = tmp_path / "gazetteer"
    shutil.copytree(paths.DATA_DIR / "vocabulary" / "gazetteer", folder)
    empty = records.Vocabulary({}, ())
    assert "european-medicines-agency" in with_gazetteer(empty, folder).all.entities
    domain = folder / "organizations.tsv"
    kept = [
        line
        for line in domain.read_text().splitlines()
        if not line.startswith("european-medicines-agency\t")
    ]
    domain.write_text("\n".join(kept) + "\n")
    assert "european-medicines-agency" not in with_gazetteer(empty, folder).all.entities


def test_a_dropped_entry_leaves_its_everyday_names_to_the_curated_entity(
    gazetteer: Gazetteer,
) -> None:
    """Opioid analgesics (D000701) gives way to the curated opioids, which names it among
    its synonyms; its everyday names ("opioid painkillers") then name the curated entity."""
    vocabulary = load_vocabulary(paths.DATA_DIR / "vocabulary")
    deferred = gazetteer.deferring_to(vocabulary)
    assert "opioid-analgesics" in gazetteer.entries
    assert "opioid-analgesics" not in deferred.entries
    assert "opioid painkillers" in deferred.absorbed["opioids"]
    assert not deferred.lookup("opioid painkillers")  # no gazetteer entry is left for it
    lexicon = Lexicon(vocabulary, deferred.entries.values(), deferred.absorbed)
    assert {n.entity for n in lexicon.names if n.text == "opioid painkillers"} == {"opioids"}


def test_a_plural_class_name_is_matched_in_the_singular_without_taking_a_name() -> None:
    """MeSH names classes in the plural ("Heart Diseases"); a reader writes "heart disease".
    The singular is a name of last resort: an entity whose own name it is keeps it. (The
    entries are made up for the test; their identifiers are placeholders.)"""
    vocabulary = records.Vocabulary({}, ())
    entries = [
        GazetteerEntry(
            "heart-diseases", "heart diseases", EntityType.CONDITION, None, "test:1",
            MatchKind.EXACT, (), "test", "",
        ),
        GazetteerEntry(
            "opioids-x", "opioid analgesics", EntityType.SUBSTANCE, SubstanceKind.DRUG_CLASS,
            "test:2", MatchKind.EXACT, (), "test", "",
        ),
        GazetteerEntry(
            "analgesic-x", "opioid analgesic", EntityType.SUBSTANCE, SubstanceKind.COMPOUND,
            "test:3", MatchKind.EXACT, (), "test", "",
        ),
    ]  # fmt: skip
    lexicon = Lexicon(vocabulary, entries)
    named = {n.text: n.entity for n in lexicon.names}
    assert named["heart disease"] == "heart-diseases"
    assert named["opioid analgesic"] == "analgesic-x"  # its own label, not the singular
    assert "heart diseas" not in named and "heart diseasess" not in named


def test_products_and_properties_have_names_of_their_own(gazetteer: Gazetteer) -> None:
    """ "CBD oil" names the product, not the compound; "habit-forming" the property."""
    vocabulary = load_vocabulary(paths.DATA_DIR / "vocabulary")
    deferred = gazetteer.deferring_to(vocabulary)
    lexicon = Lexicon(vocabulary, deferred.entries.values(), deferred.absorbed)
    named = {n.text.lower(): n.entity for n in lexicon.names}
    assert named["cbd oil"] == "cbd-oil" and named["kratom capsules"] == "kratom-capsules"
    assert named["habit-forming"] == "addictive" and named["lab-tested"] == "lab-tested"
    assert lexicon.known["safe"].type is EntityType.PROPERTY
