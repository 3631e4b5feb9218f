"""The command line: a thin shell over the library.

Every library error becomes a one-line message naming the file and the reason, and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import __version__
from .errors import WARNING_CODES, VnPlanExtractError, failure_detail, readable_name

# The commands' modules are imported in the commands: `--help`, a usage error and a typo answer at once,
# without loading the pipeline's lexicons, pydantic, openpyxl and the readers.

#: `--ocr`'s choices (`readers.pdf.OCR_MODES`, held equal by a test) and `batch --timeout`'s default
#: (`batch.DEFAULT_TIMEOUT`, likewise), here so the parser is built without importing those modules.
OCR_MODES = ("auto", "always", "never")
DEFAULT_TIMEOUT = 600.0

DEFAULT_BASELINE = Path("evaluation_baseline.json")
DEFAULT_GOLD = (Path("golden"), Path("golden/real"), Path("../shared/devset/gold"))


def _inputs(paths: Sequence[str]) -> Iterator[tuple[Path, Path]]:
    """(file, name of its output) for the files named, and for every supported file below a folder named
    (sorted, hidden files skipped): a file named is `<name>`, a file found `<path below the folder>`."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            from .batch import find_inputs

            outside: list[Path] = []
            unsupported: list[Path] = []
            found_files = find_inputs(path, outside=outside, unsupported=unsupported)
            # what a folder holds and is not converted is said, as batch says it
            for link in outside:
                print(f"skipped: {readable_name(link)}: a link out of {readable_name(path)}, not followed", file=sys.stderr)
            for other in unsupported:
                print(f"not read: {readable_name(other)}: not a plan format this tool reads (save it as .docx or .pdf)",
                      file=sys.stderr)
            yield from ((found, found.relative_to(path)) for found in found_files)
        else:
            yield path, Path(path.name)


def _unwritable(folder: Path) -> str | None:
    """Why outputs cannot be written into `folder` (made if missing), or None."""
    if folder.exists() and not folder.is_dir():
        return "the output path is a file, not a folder"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"the output folder cannot be made ({exc.strerror or exc})"
    if not os.access(folder, os.W_OK | os.X_OK):
        return "the output folder is not writable"
    return None


def _cmd_extract(args: argparse.Namespace) -> int:
    """Convert plans to contract JSON.

    Example: vn-plan-extract extract corpus -o out
    """
    from .batch import output_path
    from .files import write_plan_atomic
    from .pipeline import extract

    inputs = list(_inputs(args.paths))
    if not inputs:
        print("error: no supported input files (.txt, .md, .docx, .doc, .odt, .rtf, .pdf, .html, page images) found", file=sys.stderr)
        return 2
    to_stdout = args.output in (None, "-")
    if to_stdout and len(inputs) > 1:
        print("error: several inputs need an output folder: -o OUT_DIR", file=sys.stderr)
        return 2
    if not to_stdout:
        problem = _unwritable(Path(args.output))
        if problem:
            print(f"error: {readable_name(args.output)}: {problem}", file=sys.stderr)
            return 2
    failures = 0
    written: dict[Path, Path] = {}  # output → the input it holds
    for path, relative in inputs:
        out = output_path(Path(args.output or "."), relative)  # <name>.<ext>.json, as batch names them
        if not to_stdout and out in written:
            print(f"error: {readable_name(path)}: its output {readable_name(out)} would overwrite that of "
                  f"{readable_name(written[out])}; convert them into separate folders", file=sys.stderr)
            failures += 1
            continue
        try:
            plan = extract(path, ocr=args.ocr, workers=args.workers, password=args.password)
        except VnPlanExtractError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failures += 1
            continue
        if to_stdout:
            sys.stdout.write(plan.model_dump_json(indent=2) + "\n")
            continue
        try:
            write_plan_atomic(out, plan)
        except OSError as exc:
            print(f"error: {readable_name(out)}: cannot write the output ({exc.strerror or exc})", file=sys.stderr)
            failures += 1
            continue
        written[out] = path
        if not args.quiet:
            print(f"{readable_name(path)} -> {readable_name(out)} ({len(plan.indicators)} indicators, "
                  f"{len(plan.tasks)} tasks, {len(plan.warnings)} warning{'' if len(plan.warnings) == 1 else 's'})",
                  file=sys.stderr)
    if failures and not to_stdout:
        print(f"{len(inputs) - failures} converted, {failures} failed", file=sys.stderr)
    return 1 if failures else 0


def _cmd_batch(args: argparse.Namespace) -> int:
    """Convert every plan below a folder, in parallel, with exports for Excel.

    Writes OUT_DIR/<relative path>.json per input, errors.jsonl (one line per failed file),
    summary.json, indicators.csv, tasks.csv and plans.xlsx. Inputs whose output is up to date
    (same input sha256 and package version) are skipped; an interrupted run carries on where it stopped.
    Exit code: 0 all converted, 1 some files failed, 130 interrupted, 2 bad arguments.

    Example: vn-plan-extract batch incoming/ -o converted/ --workers 4
    """
    from .batch import ERRORS_FILE, run_batch

    in_dir = Path(args.in_dir)
    if not in_dir.is_dir():
        print(f"error: {in_dir}: not a folder", file=sys.stderr)
        return 2
    if args.workers is not None and args.workers < 1:
        print("error: --workers must be at least 1", file=sys.stderr)
        return 2
    out_dir = Path(args.output)
    if out_dir.resolve() == in_dir.resolve():
        print("error: the output folder must differ from the input folder", file=sys.stderr)
        return 2
    problem = _unwritable(out_dir)
    if problem:
        print(f"error: {readable_name(out_dir)}: {problem}", file=sys.stderr)
        return 2
    report = run_batch(in_dir, out_dir, workers=args.workers, force=args.force, timeout=args.timeout, ocr=args.ocr,
                       progress=(not args.quiet and sys.stderr.isatty()) or args.progress, review=args.review,
                       max_memory_mb=args.max_memory, password=args.password)
    for link in report.links_outside:
        print(f"skipped: {link}: a link out of {readable_name(in_dir)}, not followed", file=sys.stderr)
    for name in report.unsupported:
        print(f"not read: {name}: not a plan format this tool reads (save it as .docx or .pdf)", file=sys.stderr)
    for name, codes in sorted(report.with_warnings.items()):
        # pages left to OCR are said as such: a scan read with --ocr never has nothing read
        what = "scanned pages not read (run without --ocr never)" if "W006" in codes else "partly read"
        print(f"{what}: {name}: {', '.join(f'{c} {WARNING_CODES[c]}' for c in codes)}", file=sys.stderr)
    for failure in report.failures:
        # the file as found below the input folder, like every other line, then why
        print(f"failed: {failure.file}: {failure_detail(failure.message, failure.file)} [{failure.kind}]", file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    if report.interrupted:
        print("run the same command again to carry on", file=sys.stderr)
        return 130
    if report.inputs == 0:
        print(f"error: no supported files (.txt, .md, .docx, .doc, .odt, .rtf, .pdf, .html, page images) below {in_dir}", file=sys.stderr)
        return 2
    if report.failures:
        print(f"failures listed in {out_dir / ERRORS_FILE}", file=sys.stderr)
        return 1
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    """Write a review page: the plan's text with every extracted item marked, beside a table of them.

    PLAN is a JSON output of a plan (its source file must be found, at the path it records, relative to the
    JSON's folder, beside the JSON or in the input folder of the batch that wrote it, and be unchanged) or
    a plan file (converted afresh). The page is one HTML file with no external assets; it goes to FILE.html,
    into OUT_DIR as <name>.html, or, for a JSON, beside it in the output folder (plan.docx.json →
    plan.docx.html). A plan file needs -o: nothing is written into the input folder.

    Example: vn-plan-extract review out/000_6bf0ca8f79bfd109.txt.json
             vn-plan-extract review corpus/000_6bf0ca8f79bfd109.txt -o out/
    """
    from .review import load_for_review, review_path, write_review

    path = Path(args.plan)
    if args.output:
        out = Path(args.output)
        if out.is_dir() or args.output.endswith(("/", os.sep)) or not out.suffix:
            out = out / review_path(path).name
    elif path.suffix.lower() == ".json":
        out = review_path(path)
    else:
        print(f"error: {path}: say where the page goes (-o FILE.html or -o OUT_DIR); it is not written into "
              "the input folder", file=sys.stderr)
        return 2
    try:
        plan, source = load_for_review(path)
        write_review(plan, source, out)
    except VnPlanExtractError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {out}: cannot write the page ({exc.strerror or exc})", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"{path} -> {out} ({len(plan.indicators)} indicators, {len(plan.tasks)} tasks)", file=sys.stderr)
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    """One table of the same targets across many converted plans, optionally against a reference plan.

    Aligns the indicators of the plans of a batch run (those its OUT_DIR/summary.json lists; without one,
    every plan JSON below OUT_DIR) into canonical indicators, by the catalogue of names and aliases
    (lexicon/indicators.tsv) and, for the rest, by the words of their names; writes one row per canonical
    indicator and one column per plan (its issuer and number) and target year, as FILE.xlsx (sheets
    "So sánh", "Chỉ tiêu đã ghép", "Chưa ghép"), FILE.csv and FILE.json (default: OUT_DIR/compare.*). With
    --reference (a plan JSON or a plan file, e.g. the province's own), targets below the reference's are
    marked. Indicators that align with nothing are listed in the sheet "Chưa ghép", not dropped.

    Example: vn-plan-extract compare out/ --reference tinh.json -o compare.xlsx
    """
    from .compare import Plan, align, load_folder, load_plan, write_compare
    from .pipeline import extract

    folder = Path(args.out_dir)
    if not folder.is_dir():
        print(f"error: {folder}: not a folder", file=sys.stderr)
        return 2
    plans, problems = load_folder(folder)
    for problem in problems:
        print(f"skipped: {problem}", file=sys.stderr)
    reference = None
    if args.reference:
        ref_path = Path(args.reference)
        try:
            reference = (load_plan(ref_path) if ref_path.suffix.lower() == ".json"
                         else Plan(ref_path.name, "", extract(ref_path)))
        except VnPlanExtractError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        reference = Plan(reference.file, reference.document.metadata.issuer or ref_path.stem, reference.document)
        plans = [p for p in plans if p.document.source.sha256 != reference.document.source.sha256]
    if not plans:
        print(f"error: no plan JSON below {folder} (run `vn-plan-extract batch` first)", file=sys.stderr)
        return 2
    alignment = align(plans, reference)
    try:
        # written into the folder compared unless told otherwise: never into the current folder by default
        written = write_compare(alignment, Path(args.output) if args.output else folder / "compare.xlsx")
    except OSError as exc:
        print(f"error: {args.output or folder}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return 1
    members = sum(len(c.members) for c in alignment.canonical)
    print(f"{len(plans)} plans, {len(alignment.canonical)} canonical indicators ({members} targets aligned), "
          f"{len(alignment.unaligned)} unaligned -> {', '.join(str(p) for p in written)}", file=sys.stderr)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the output.

    Example: vn-plan-extract schema > schema.json
    """
    from .models import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


def _set_name(gold_dir: Path) -> str:
    return gold_dir.resolve().parent.name if gold_dir.name == "gold" else gold_dir.name


def _cmd_evaluate(args: argparse.Namespace) -> int:
    """Score output against gold folders; with --check, fail when a score is below its pinned floor.

    Example: vn-plan-extract evaluate golden ../shared/devset/gold --check
    """
    from .evaluate import check_floors, evaluate_folder, render_table, set_digest, updated_baseline
    from .files import write_json_atomic

    gold_dirs = [Path(g) for g in args.gold] if args.gold else [g for g in DEFAULT_GOLD if g.is_dir()]
    if not gold_dirs:
        print("error: no gold folder found; name one", file=sys.stderr)
        return 2
    if args.output and len(gold_dirs) != 1:
        print("error: --output goes with exactly one gold folder", file=sys.stderr)
        return 2
    for g in gold_dirs:
        if not g.is_dir():
            print(f"error: {g}: no such gold folder", file=sys.stderr)
            return 2
    documents = None
    if args.documents:
        if len(gold_dirs) != 1:
            print("error: --documents goes with exactly one gold folder", file=sys.stderr)
            return 2
        documents = {p.stem: p for p in Path(args.documents).glob(f"*{args.suffix}")}
    try:
        scores = [evaluate_folder(_set_name(g) + (args.suffix if documents else ""), g,
                                  Path(args.output) if args.output else None, documents)
                  for g in gold_dirs]
    except (VnPlanExtractError, OSError, ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(render_table(scores))
    for s in scores:
        if s.no_output:
            shown = ", ".join(s.no_output[:5]) + (" …" if len(s.no_output) > 5 else "")
            print(f"warning: {s.name}: no output in {args.output} for {len(s.no_output)} of {s.documents} gold "
                  f"files ({shown}); looked for <stem>.json and <file name>.json", file=sys.stderr)
    if args.output and all(s.no_output and len(s.no_output) == s.documents for s in scores):
        print(f"error: no output in {args.output} pairs with a gold file", file=sys.stderr)
        return 1
    if args.show_misses:
        for s in scores:
            for miss in s.misses:
                print(miss)
    baseline_path = Path(args.baseline)
    baseline = json.loads(baseline_path.read_text(encoding="utf-8")) if baseline_path.exists() else {}
    digests = {s.name: set_digest(g) for s, g in zip(scores, gold_dirs, strict=True)}
    if args.update:
        try:
            new = updated_baseline(scores, baseline, args.allow_regression, digests)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        write_json_atomic(baseline_path, new)
        print(f"floors written to {baseline_path}")
        return 0
    if args.check:
        pinned = baseline.get("data_sha256")
        for name, digest in digests.items():
            if isinstance(pinned, dict) and pinned.get(name) not in (None, digest):
                print(f"note: the {name} gold or documents changed since its floors were set; "
                      "re-run with --update once the new scores are reviewed", file=sys.stderr)
        failures = check_floors(scores, baseline)
        for f in failures:
            print(f"BELOW FLOOR: {f}", file=sys.stderr)
        return 1 if failures else 0
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _ocr_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ocr", choices=OCR_MODES, default="auto",
                   help="read scanned pages and unusable PDF text layers by OCR (Tesseract): auto (default) "
                        "where a page needs it, always every PDF page, never")


def _password_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--password", metavar="TEXT",
                   help="the password of encrypted PDFs (a PDF that needs another one is reported as encrypted)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vn-plan-extract",
                                     description="Vietnamese plan documents (Kế hoạch) to structured JSON.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="say what is done on stderr, a line per file (-vv: in detail)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="convert plans to JSON", description=_cmd_extract.__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="plan files or folders of them")
    p.add_argument("-o", "--output", metavar="OUT_DIR",
                   help="folder for <stem>.json files; '-' or none prints one document to stdout")
    p.add_argument("-q", "--quiet", action="store_true", help="no per-file lines on stderr")
    _ocr_option(p)
    p.add_argument("-w", "--workers", type=_positive, default=1, metavar="N",
                   help="pages of a scan read by OCR at once (default: %(default)s)")
    _password_option(p)
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("batch", help="convert a folder of plans in parallel, with CSV/Excel exports",
                       description=_cmd_batch.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("in_dir", metavar="IN_DIR", help="folder of plans (.txt, .md, .docx, .doc, .odt, .rtf, .pdf, .html, page images), "
                   "searched recursively")
    p.add_argument("-o", "--output", metavar="OUT_DIR", required=True, help="folder for the outputs")
    p.add_argument("-w", "--workers", type=int, metavar="N", help="worker processes (default: the number of cores)")
    p.add_argument("--force", action="store_true", help="convert every file again, even if its output is up to date")
    p.add_argument("--max-memory", type=_positive, metavar="MB",
                   help="memory one worker may allocate while converting a file; a file that needs more is "
                        "reported and the worker replaced (default: 2048, less on a machine with less memory a worker)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help="give up on a file after this long (default: %(default)g)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--progress", action="store_true", help="show the progress bar even when stderr is not a terminal")
    p.add_argument("--review", action="store_true",
                   help="also write a review page per plan (<relative path>.html) and index.html")
    _ocr_option(p)
    _password_option(p)
    p.set_defaults(func=_cmd_batch)

    p = sub.add_parser("review", help="write a review page of one plan (HTML)", description=_cmd_review.__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("plan", metavar="PLAN", help="a plan file (any format extract reads) or its JSON output")
    p.add_argument("-o", "--output", metavar="FILE.html|OUT_DIR",
                   help="where to write the page (default for a JSON: beside it; a plan file needs -o)")
    p.add_argument("-q", "--quiet", action="store_true", help="no message on stderr")
    p.set_defaults(func=_cmd_review)

    p = sub.add_parser("compare", help="align the same targets across converted plans (xlsx, csv, json)",
                       description=_cmd_compare.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out_dir", metavar="OUT_DIR", help="folder of plan JSON outputs (a batch's output)")
    p.add_argument("--reference", metavar="PLAN", help="a plan (JSON or file) whose targets the others are held to")
    p.add_argument("-o", "--output", metavar="FILE.xlsx",
                   help="the spreadsheet; FILE.csv and FILE.json are written beside it (default: OUT_DIR/compare.xlsx)")
    p.set_defaults(func=_cmd_compare)

    p = sub.add_parser("schema", help="print the JSON Schema of the output", description=_cmd_schema.__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser("evaluate", help="score output against gold folders", description=_cmd_evaluate.__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("gold", nargs="*", metavar="GOLD_DIR",
                   help="gold folders (default: golden/ and ../shared/devset/gold)")
    p.add_argument("--output", metavar="OUT_DIR",
                   help="score the <stem>.json files of this folder instead of extracting afresh")
    p.add_argument("--documents", metavar="DIR",
                   help="score other renderings of the gold's plans: DIR/<stem><suffix> (e.g. .docx, .pdf)")
    p.add_argument("--suffix", default=".docx", help="with --documents: the files' suffix (default: %(default)s)")
    p.add_argument("--baseline", default=str(DEFAULT_BASELINE), help="floors file (default: %(default)s)")
    p.add_argument("--check", action="store_true", help="exit 1 when a score falls below its floor")
    p.add_argument("--update", action="store_true", help="raise the floors to the current scores")
    p.add_argument("--allow-regression", action="store_true", help="with --update, allow lowering a floor")
    p.add_argument("--show-misses", action="store_true", help="list missed, extra and wrong items")
    p.set_defaults(func=_cmd_evaluate)
    # -v after the command as well as before it ("vn-plan-extract batch … -v" is what people type)
    for command in sub.choices.values():
        command.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                             help="say what is done on stderr, a line per file (-vv: in detail)")
    return parser


def _dashed_files(argv: Sequence[str]) -> list[str]:
    """A plan whose name starts with "-" ("-ke-hoach.docx") is a file, not an option, when it is one."""
    if not any(a[:1] == "-" and a[1:2] != "-" and "." in a for a in argv):
        return list(argv)
    from .readers import SUPPORTED_SUFFIXES

    return [f"./{a}" if a[:1] == "-" and a[1:2] != "-" and Path(a).suffix.lower() in SUPPORTED_SUFFIXES
            and Path(a).is_file() else a for a in argv]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(_dashed_files(sys.argv[1:] if argv is None else argv))
    if extra:  # a typo'd option: the subcommand's usage, not the top level's
        command = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        command.choices[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    if getattr(args, "verbose", 0):
        logging.basicConfig(level=logging.DEBUG if args.verbose > 1 else logging.INFO,
                            format="%(levelname)s %(name)s: %(message)s")
        # this package's detail, not pdfminer's (392 000 lines of its parser's debug on the corpus)
        for noisy in ("pdfminer", "PIL", "trafilatura", "htmldate", "charset_normalizer"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
