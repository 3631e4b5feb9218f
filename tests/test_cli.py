"""The command line: outputs, stdout, bad inputs, help, README."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CORPUS_DOCS, ROOT
from vn_plan_extract.cli import build_parser, main


def test_extract_writes_one_json_per_input(tmp_path: Path) -> None:
    assert main(["extract", str(ROOT / "corpus"), "-o", str(tmp_path), "-q"]) == 0
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.json"))
    # a folder means every plan below it, named as batch names them: the seeds and corpus/real/…
    below = sorted(f"{p.relative_to(ROOT / 'corpus').as_posix()}.json" for p in (ROOT / "corpus").rglob("*")
                   if p.suffix in {".txt", ".md", ".docx", ".pdf"})
    assert written == below
    assert {f"{p.name}.json" for p in CORPUS_DOCS} <= set(written)
    data = json.loads((tmp_path / f"{CORPUS_DOCS[0].name}.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == "1"


def test_extract_prints_one_document_to_stdout(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["extract", str(CORPUS_DOCS[0])]) == 0
    assert json.loads(capsys.readouterr().out)["metadata"]["doc_type"] == "KẾ HOẠCH"


def test_bad_file_is_named_the_others_convert_and_exit_is_1(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("I. MỤC TIÊU\n- 100% hồ sơ được số hóa.", encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.md").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    out = tmp_path / "out"
    assert main(["extract", str(inputs), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert "empty.txt: the file is empty" in err
    assert "binary.md: the file is binary" in err
    assert "Traceback" not in err
    assert [p.name for p in out.glob("*.json")] == ["good.txt.json"]


def test_schema_is_the_models_json_schema(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "indicators" in schema["properties"]
    # every field says what it holds, for the programs and people who read the schema alone
    undescribed = [f"{name}.{field}" for name, model in [("PlanDocument", schema), *schema["$defs"].items()]
                   for field, spec in model.get("properties", {}).items() if not spec.get("description")]
    assert not undescribed
    assert all(model.get("description") for model in schema["$defs"].values())


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, sub in commands.items():
        assert "Example:" in (sub.description or ""), name
        assert f"vn-plan-extract {name}" in readme, name


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("\n", 1)[1].strip() for b in setup.split("```sh")[1:]]
    commands = [b.split("```")[0].strip() for b in blocks]
    assert len(commands) == 2
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q . " in commands[0]  # users install the tool alone, not the test extras
    assert "[test]" not in commands[0]


@pytest.mark.parametrize("argv", [["extract"], ["nonsense"]])
def test_usage_errors_exit_non_zero(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2


def test_every_warning_code_is_explained_in_the_readme() -> None:
    from vn_plan_extract.errors import WARNING_CODES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in WARNING_CODES:
        assert f"| {code} |" in readme, code


def test_start_up_loads_no_pipeline_models_or_workbook_writer() -> None:
    # what makes `--help` and `import vn_plan_extract` fast is what they do not import (speed itself is
    # measured in benchmarks/, not here)
    import subprocess
    import sys

    probe = ("import sys, contextlib, io\n"
             "import vn_plan_extract\n"
             "from vn_plan_extract.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
             "    main(['--help'])\n"
             "heavy = ['vn_plan_extract.pipeline', 'vn_plan_extract.models', 'vn_plan_extract.readers', 'openpyxl',"
             " 'pydantic', 'regex', 'underthesea', 'pdfplumber']\n"
             "print(' '.join(m for m in heavy if m in sys.modules))\n")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def test_the_parsers_defaults_are_those_of_the_modules_they_name() -> None:
    from vn_plan_extract import batch, cli
    from vn_plan_extract.readers import pdf

    assert cli.OCR_MODES == pdf.OCR_MODES
    assert cli.DEFAULT_TIMEOUT == batch.DEFAULT_TIMEOUT


@pytest.mark.parametrize("where", ["before", "after"])
def test_verbose_says_how_each_file_was_read_before_or_after_the_command(where: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    argv = ["extract", str(CORPUS_DOCS[0]), "-o", str(tmp_path), "-q"]
    argv = ["-v", *argv] if where == "before" else [*argv, "-v"]
    run = subprocess.run([sys.executable, "-m", "vn_plan_extract.cli", *argv], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert f"{CORPUS_DOCS[0]}: read as txt (" in run.stderr
    assert "indicators" in run.stderr
    plain = argv[:-1] if where == "after" else argv[1:]
    quiet = subprocess.run([sys.executable, "-m", "vn_plan_extract.cli", *plain],
                           capture_output=True, text=True, check=False)
    assert "read as txt" not in quiet.stderr
