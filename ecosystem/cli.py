"""Command-line interface: a thin layer over :mod:`ecosystem.pipeline`."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from ecosystem import pipeline
from ecosystem.errors import EcosystemError
from ecosystem.graph.store import DEFAULT_STORE, STORES, read_graph, triple_count
from ecosystem.graph.validate import (ENGINES, Violation, rejected_row_violation, validate_graph,
                                      write_violations_csv)
from ecosystem.graph.vocabulary import DEFAULT_BASE, state_superclasses
from ecosystem.load_report import LoadReport, plural
from ecosystem.progress import BarProgress, Progress
from ecosystem.survey.template import LANGUAGES, write_template

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED = 0, 1, 2
_SHOWN_LINES = 30
logger = logging.getLogger(__name__)

_reference_option = click.option(
    "--reference", type=click.Path(file_okay=False, path_type=Path),
    help="Folder with the official registers: municipalities-2025.csv, "
         "municipal-mergers-2025.csv and, when present, primary-schools-*.csv, "
         "local-governments-2022.csv and the REFNIS vocabulary in refnis/.")
_survey_option = click.option(
    "--survey", "surveys", multiple=True, type=click.Path(path_type=Path),
    help="Survey: an .xlsx workbook or a folder of CSV files with the tables "
         "actors, links, memberships, roles and waves (English or Dutch names). "
         "Repeat for several surveys.")
_base_option = click.option("--base", default=DEFAULT_BASE, show_default=True,
                            help="Base IRI of the resources the project mints.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log each stage and every report line.")
def main(verbose: bool) -> None:
    """Knowledge graph of the collaboration between primary schools and welfare in Flanders."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@main.command()
@_reference_option
@_survey_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("visualisations"), show_default=True,
              help="Folder that receives the graph, tables, maps and index.html.")
@_base_option
@click.option("--store", type=click.Choice(STORES), default=DEFAULT_STORE, show_default=True,
              help="rdflib store that keeps the graph: Oxigraph (faster) or rdflib's "
                   "in-memory store.")
@click.option("--no-validate", is_flag=True,
              help="Skip the SHACL check of the graph (faster on very large inputs).")
@click.option("-q", "--quiet", is_flag=True,
              help="Print only errors and the exit summary; no progress bars.")
def run(reference: Path | None, surveys: tuple[Path, ...], out: Path, base: str,
        store: str, no_validate: bool, quiet: bool) -> None:
    """Read registers and surveys, build and check the graph, and write maps and tables.

    With no --reference and no --survey it runs the bundled example
    (a fictional municipality). Exit code 0: every row loaded and the graph
    conforms. Exit code 1: rows were rejected or the graph breaks a rule, as
    load-report.csv and validation-report.csv show, and the rest is written.
    Exit code 2: the run could not complete.

    Example: ecosystem run --reference registers/ --survey survey.xlsx --out out/
    """
    reference, surveys = _inputs(reference, surveys, quiet)
    progress = Progress() if quiet else BarProgress(pipeline.STAGES)
    try:
        result = pipeline.run(reference, list(surveys), out, base=base, store=store,
                              validate=not no_validate, progress=progress)
    except EcosystemError as error:
        _fail(str(error))
    except OSError as error:
        # Input files are opened by readers that raise InputFileError, so an
        # OSError here comes from writing the outputs.
        _fail(f"cannot write the outputs ({error.strerror}: {error.filename}). "
              "Give --out a folder you can write to.")
    _print_load_report(result.report, result.out, quiet)
    _print_violations(result.violations)
    click.echo(f"Wrote {plural(len(result.schools), 'school')} and "
               f"{plural(len(result.maps), 'map')}. "
               f"Open {result.index.resolve()} in a browser.")
    sys.exit(result.exit_code)


@main.command()
@click.argument("graph_file", required=False,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_reference_option
@_survey_option
@_base_option
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write every problem to this CSV file: the rejected input rows, "
                   "then the violations of the shapes.")
@click.option("--engine", type=click.Choice(ENGINES), default="pyshacl", show_default=True,
              help="pyshacl, the reference SHACL implementation, or fast, the project's "
                   "own checker of the same shapes for large graphs.")
def validate(graph_file: Path | None, reference: Path | None, surveys: tuple[Path, ...],
             base: str, report_path: Path | None, engine: str) -> None:
    """Check a graph, or the graph built from inputs, against the SHACL shapes.

    GRAPH_FILE is an RDF file such as the graph.ttl of a run. Without it the
    graph is built from --reference and --survey (or the bundled example), and
    rejected input rows are listed too. Each problem names the actor or link,
    the file and row it came from, what is wrong and what to do. Exit code 0:
    the data conforms; 1: it does not; 2: the check could not run.

    Example: ecosystem validate visualisations/graph.ttl
    """
    load_report = LoadReport()
    try:
        if graph_file is not None:
            graph = _read_graph_file(graph_file)
        else:
            reference, surveys = _inputs(reference, surveys, quiet=True)
            graph = pipeline.build_graph(pipeline.read_inputs(reference, list(surveys),
                                                              load_report), base=base)
        violations = validate_graph(graph, engine=engine)
    except EcosystemError as error:
        _fail(str(error))
    _print_load_report(load_report, None, quiet=True)
    _print_violations(violations)
    if report_path is not None:
        rejected = [rejected_row_violation(line) for line in load_report.rejected]
        write_violations_csv(rejected + violations, report_path)
    problems = len(violations) + len(load_report.rejected)
    if problems:
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"The data conforms to the shapes ({plural(triple_count(graph), 'triple')} checked).")
    sys.exit(EXIT_OK)


@main.command()
@click.argument("graph_file", required=False,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_reference_option
@_survey_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("visualisations") / "analysis", show_default=True,
              help="Folder that receives the tables as CSV and JSON.")
@click.option("--indicators", type=click.Path(dir_okay=False, path_type=Path),
              help="flemish-municipal-indicators.json for need against coverage "
                   "(default: the file in --reference, when there).")
@click.option("--expected", type=click.Path(dir_okay=False, path_type=Path),
              help="CSV with columns refnis and welfare_types: the welfare types each "
                   "municipality's schools should reach (default ocmw, caw, "
                   "huis-van-het-kind, clb).")
@click.option("--compare", nargs=2, metavar="BEFORE AFTER",
              help="Compare two survey waves, such as 2023-2024 2024-2025.")
def analyse(graph_file: Path | None, reference: Path | None, surveys: tuple[Path, ...],
            out: Path, indicators: Path | None, expected: Path | None,
            compare: tuple[str, str] | None) -> None:
    """Analyse where to act: gaps per school, network metrics, single points of failure.

    GRAPH_FILE is a graph.ttl of an earlier run; without it the graph is
    built from --reference and --survey (or the bundled example). Writes
    school-profiles, municipality-metrics, single-points-of-failure,
    post-dependence, suggestions and, with indicators, need-against-coverage
    (and waves-* with --compare), each as CSV and JSON.

    Example: ecosystem analyse --reference registers/ --survey survey.xlsx --out analysis/
    """
    from ecosystem.analysis.gap_analysis import analyse_network, write_analysis
    from ecosystem.analysis.need import read_indicators
    from ecosystem.analysis.profiles import read_expected_types
    from ecosystem.analysis.project import project

    if compare is not None and compare[0] == compare[1]:
        raise click.UsageError("--compare needs two different survey waves, such as "
                               "2023-2024 2024-2025.")
    try:
        graph = _graph_for_analysis(graph_file, reference, surveys)
        if indicators is None and reference is not None:
            default = reference / "flemish-municipal-indicators.json"
            indicators = default if default.is_file() else None
        analysis = analyse_network(
            project(graph),
            indicators=read_indicators(indicators) if indicators else None,
            expected=read_expected_types(expected) if expected else None,
            compare=compare,
        )
        files = write_analysis(analysis, out)
    except EcosystemError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"cannot write the analysis ({error.strerror}: {error.filename}). "
              "Give --out a folder you can write to.")
    if analysis.need is None:
        click.echo("No municipal indicators given: need against coverage is left out "
                   "(use --indicators).")
    click.echo(f"Wrote {plural(len(files), 'file')} to {out}.")


def _graph_for_analysis(graph_file: Path | None, reference: Path | None,
                        surveys: tuple[Path, ...]):
    """Return the graph of a file, or the graph built from the inputs."""
    if graph_file is not None:
        return _read_graph_file(graph_file)
    reference, surveys = _inputs(reference, surveys, quiet=True)
    report = LoadReport()
    graph = pipeline.build_graph(pipeline.read_inputs(reference, list(surveys), report))
    if report.rejected:
        click.echo(f"{plural(len(report.rejected), 'input row')} rejected and left out of "
                   "the analysis; run ecosystem run or validate to see them.", err=True)
    return graph


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def docs(folder: Path) -> None:
    """Write the HTML documentation of the ontology into FOLDER.

    FOLDER receives index.html (every class, property, code list, alignment
    and SHACL shape, in Dutch and English) and model.html (the model in plain
    words, with a diagram). A run writes the same pages into OUT/ontology.

    Example: ecosystem docs ontology-docs/
    """
    from ecosystem.reports.ontology_docs import write_ontology_docs

    try:
        pages = write_ontology_docs(folder)
    except EcosystemError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"cannot write the documentation ({error.strerror}: {error.filename}). "
              "Give a folder you can write to.")
    click.echo(f"Wrote {', '.join(str(page) for page in pages)}.")


@main.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LANGUAGES), default="nl", show_default=True,
              help="Language of the sheet names, headers, instructions and messages: "
                   "nl (Dutch) or en (English).")
@click.option("--force", is_flag=True, help="Replace OUT when it exists.")
def template(out: Path, lang: str, force: bool) -> None:
    """Write an empty survey workbook OUT.xlsx for a coordinator to fill in.

    The workbook has an instructions sheet, one sheet per survey table with
    grey example rows that are not read, drop-down lists of the allowed
    codes, and a sheet that explains every code. Read the filled-in file
    with ecosystem run --reference registers/ --survey OUT.xlsx.

    Example: ecosystem template --lang en survey.xlsx
    """
    if out.exists() and not force:
        _fail(f"{out} exists and may hold a filled-in survey. Give another file name, or "
              "add --force to replace it.")
    try:
        path = write_template(out, lang=lang)
    except EcosystemError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"cannot write the template ({error.strerror}: {error.filename}). "
              "Give a file path in a folder you can write to.")
    click.echo(f"Wrote {path}. Fill it in and read it with: "
               f"ecosystem run --reference REGISTERS --survey {path}")


def _read_graph_file(path: Path):
    """Parse an RDF file, or exit with code 2 and a message when it cannot be read."""
    try:
        graph = read_graph(path)
    except (OSError, SyntaxError, ValueError) as error:
        _fail(f"cannot read the graph {path} ({error}). Give an RDF file such as the "
              "graph.ttl that ecosystem run writes.")
    if triple_count(graph) == 0:
        _fail(f"the graph {path} is empty. Give an RDF file with triples, such as the "
              "graph.ttl that ecosystem run writes.")
    added = state_superclasses(graph)
    if added:
        logger.info("Typed resources of %s with %d superclasses that the file leaves out",
                    path, added)
    return graph


def _inputs(reference: Path | None, surveys: tuple[Path, ...],
            quiet: bool) -> tuple[Path, tuple[Path, ...]]:
    """Return the inputs to read: those given, or the bundled example when none are."""
    if reference is None and surveys:
        raise click.UsageError("--survey needs --reference: the folder with "
                               "municipalities-2025.csv and municipal-mergers-2025.csv.")
    if reference is not None:
        return reference, surveys
    if not quiet:
        click.echo("No input given: running the bundled example (fictional municipality "
                   "Klaverbeek).")
    example_reference, example_surveys = pipeline.example_inputs()
    return example_reference, tuple(example_surveys)


def _fail(message: str) -> None:
    """Print an error and exit with the code for a run that could not complete."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_FAILED)


def _print_load_report(report: LoadReport, out: Path | None, quiet: bool) -> None:
    """Print the load summary and the rejected rows."""
    if not quiet:
        for line in report.summary():
            click.echo(line)
        notices = len(report.lines) - len(report.rejected)
        if notices and out is not None:
            click.echo(f"{plural(notices, 'notice')} (rows converted, skipped or merged, "
                       f"columns not read) in {out / 'load-report.csv'}.")
    _print_limited([line.describe() for line in report.rejected], "rejected rows",
                   "load-report.csv")
    if report.rejected:
        click.echo(f"{plural(len(report.rejected), 'problem')} in rejected rows: fix them "
                   "and run again.", err=True)


def _print_violations(violations: list[Violation]) -> None:
    """Print the SHACL violations."""
    _print_limited([v.describe() for v in violations], "violations", "validation-report.csv")
    if violations:
        click.echo(f"{plural(len(violations), 'violation')} of the shapes: the graph breaks "
                   "the rules above.", err=True)


def _print_limited(lines: list[str], what: str, where: str) -> None:
    """Print the first lines of a list on standard error and name the file with the rest."""
    for line in lines[:_SHOWN_LINES]:
        click.echo(line, err=True)
    hidden = len(lines) - _SHOWN_LINES
    if hidden > 0:
        click.echo(f"... and {hidden} more {what} in {where}.", err=True)
