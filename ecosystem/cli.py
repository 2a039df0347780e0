"""Command-line interface: a thin layer over :mod:`ecosystem.pipeline`."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from ecosystem import pipeline
from ecosystem.errors import EcosystemError
from ecosystem.graph.store import STORES
from ecosystem.graph.vocabulary import DEFAULT_BASE
from ecosystem.load_report import plural

EXIT_OK, EXIT_REJECTED, EXIT_FAILED = 0, 1, 2
_SHOWN_LINES = 30


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log each stage and every report line.")
def main(verbose: bool) -> None:
    """Knowledge graph of the collaboration between primary schools and welfare in Flanders."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.option("--reference", type=click.Path(file_okay=False, path_type=Path),
              help="Folder with the official registers: municipalities-2025.csv, "
                   "municipal-mergers-2025.csv and, when present, primary-schools-*.csv "
                   "and local-governments-2022.csv.")
@click.option("--survey", "surveys", multiple=True, type=click.Path(path_type=Path),
              help="Survey: an .xlsx workbook or a folder of CSV files with the tables "
                   "actors, links and memberships. Repeat for several surveys.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("visualisations"), show_default=True,
              help="Folder that receives the graph, tables, maps and index.html.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI of the resources the project mints.")
@click.option("--store", type=click.Choice(STORES), default="memory", show_default=True,
              help="rdflib store that keeps the graph in memory or in Oxigraph.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the exit summary.")
def run(reference: Path | None, surveys: tuple[Path, ...], out: Path, base: str,
        store: str, quiet: bool) -> None:
    """Read registers and surveys, build the graph, and write maps and tables.

    With no --reference and no --survey it runs the bundled example
    (a fictional municipality). Exit code 0: every row loaded; 1: rows were
    rejected (see load-report.csv; the rest is written); 2: the run could
    not complete.

    Example: ecosystem run --reference registers/ --survey survey.xlsx --out out/
    """
    if reference is None and surveys:
        raise click.UsageError("--survey needs --reference: the folder with "
                               "municipalities-2025.csv and municipal-mergers-2025.csv.")
    if reference is None:
        reference, example_surveys = pipeline.example_inputs()
        surveys = tuple(example_surveys)
        if not quiet:
            click.echo("No input given: running the bundled example (fictional "
                       "municipality Klaverbeek).")
    try:
        result = pipeline.run(reference, list(surveys), out, base=base, store=store)
    except EcosystemError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_FAILED)
    except OSError as error:
        # Input files are opened by readers that raise InputFileError, so an
        # OSError here comes from writing the outputs.
        click.echo(f"Error: cannot write the outputs ({error.strerror}: {error.filename}). "
                   "Give --out a folder you can write to.", err=True)
        sys.exit(EXIT_FAILED)
    _print_report(result, quiet)
    sys.exit(result.exit_code)


def _print_report(result: pipeline.RunResult, quiet: bool) -> None:
    """Print the load summary, the rejected rows and where to open the result."""
    report = result.report
    if not quiet:
        for line in report.summary():
            click.echo(line)
        notices = len(report.lines) - len(report.rejected)
        if notices:
            click.echo(f"{plural(notices, 'notice')} (rows converted, skipped or merged, "
                       f"columns not read) in {result.out / 'load-report.csv'}.")
    for line in report.rejected[:_SHOWN_LINES]:
        click.echo(line.describe(), err=True)
    hidden = len(report.rejected) - _SHOWN_LINES
    if hidden > 0:
        click.echo(f"... and {hidden} more rejected rows in load-report.csv.", err=True)
    if report.rejected:
        click.echo(f"{plural(len(report.rejected), 'problem')} in rejected rows: fix them "
                   "and run again.", err=True)
    click.echo(f"Wrote {plural(len(result.schools), 'school')} and "
               f"{plural(len(result.maps), 'map')}. "
               f"Open {result.index.resolve()} in a browser.")
