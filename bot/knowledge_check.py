"""`bot knowledge check`: the knowledge proved over every case, and a merchandiser's report.

The space of answers is finite. Every combination of every job's answers is enumerated
(the discovery engine's scenarios); the bundle of each is built from the catalogue, once
per distinct signature (equal signatures, equal bundles: ``bot.discovery.signature``).
A combination fails when:

- it breaks an invariant of the knowledge (``bot.invariants``);
- it has no bundle (a component nothing in the catalogue meets, or nothing at all);
- an item is out of stock and no substitute is;
- a reason repeats itself, or names another job's things (a TV's level "so the picture
  is straight").

The report, from the same bundles: words that name several jobs, and answer words that
name another job (how an answer can switch the job); questions that never change a
bundle (and those the engine asks although the bundle never changes); options that lead
to the same bundle as another whatever else is said; products no bundle can reach; jobs
whose most likely bundle is short of stock today.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from bot.bundles import Bundle, build_bundle, render_reason
from bot.discovery import Scenario, job_scenarios
from bot.invariants import Case, case_items, invariants_of
from bot.knowledge import JOB_QUESTION, JobSpec, Knowledge
from bot.products import Catalogue
from bot.rules import RuleError

BundleKey = Tuple[Any, ...]
Reader = Callable[[str, Optional[str]], Set[str]]
"""Which jobs a phrase names, read as an answer to a question (or to none)."""


@dataclass(frozen=True)
class Failure:
    """One combination of answers that breaks something."""

    kind: str
    job: str
    answers: Mapping[str, str]
    detail: str


@dataclass
class Report:
    """What a merchandiser should look at: nothing here fails the check."""

    shared_words: List[Tuple[str, Tuple[str, ...]]] = field(default_factory=list)
    switching_words: List[Tuple[str, str, str, Tuple[str, ...]]] = field(default_factory=list)
    idle_questions: List[Tuple[str, str, bool]] = field(default_factory=list)
    idle_options: List[Tuple[str, str, str]] = field(default_factory=list)
    unreachable: Dict[str, List[str]] = field(default_factory=dict)
    products: int = 0
    short_today: List[Tuple[str, Mapping[str, str], str]] = field(default_factory=list)


@dataclass
class CheckResult:
    combinations: int
    signatures: int
    bundles: int
    seconds: float
    failures: List[Failure]
    report: Report
    jobs: int = 0
    invariants: int = 0

    @property
    def passed(self) -> bool:
        return not self.failures


def check_knowledge(knowledge: Knowledge, catalogue: Catalogue,
                    products: Sequence[Tuple[str, str]], reader: Optional[Reader] = None
                    ) -> CheckResult:
    """Check every combination of every job's answers against the catalogue.

    Args:
        products: every product as (sku, category), for the products no bundle reaches.
        reader: which jobs a phrase names (``bot.language``), for the words report;
            without it the report leaves words out.
    """
    started = time.perf_counter()
    invariants = invariants_of(knowledge)
    built: Dict[Tuple[Any, ...], Any] = {}
    failures: List[Failure] = []
    keys: Dict[str, List[Tuple[Scenario, BundleKey]]] = {}
    reasons: Dict[Tuple[str, str], Mapping[str, str]] = {}
    reached: Set[str] = set()
    combinations = 0
    for job in knowledge.jobs.values():
        keys[job.key] = []
        for scenario in job_scenarios(knowledge, job):
            combinations += 1
            bundle = built.get(scenario.signature)
            if bundle is None:
                bundle = built[scenario.signature] = _build(knowledge, catalogue, scenario)
            if isinstance(bundle, str):
                failures.append(Failure("error", job.key, scenario.answers, bundle))
                continue
            keys[job.key].append((scenario, _key(bundle)))
            reached |= {i.product.sku for i in bundle.items}
            reached |= {i.substitute_for.sku for i in bundle.items if i.substitute_for}
            failures += _case_failures(knowledge, job, scenario.answers, bundle, invariants)
            for component in job.components:
                if component.applies(scenario.answers):
                    text = render_reason(knowledge, component, scenario.answers)
                    reasons.setdefault((job.key, text), scenario.answers)
    failures += [Failure("reason", job, answers, problem)
                 for (job, text), answers in reasons.items()
                 for problem in reason_problems(knowledge, job, text)]
    report = _report(knowledge, keys, built, products, reached, reader)
    bundles = len({_key(b) for b in built.values() if not isinstance(b, str)})
    return CheckResult(combinations, len(built), bundles, time.perf_counter() - started,
                       failures, report, len(knowledge.jobs), len(invariants))


def _build(knowledge: Knowledge, catalogue: Catalogue, scenario: Scenario) -> Any:
    try:
        return build_bundle(knowledge, catalogue, scenario.answers)
    except RuleError as error:
        return f"the bundle cannot be built: {error}"


def _key(bundle: Bundle) -> BundleKey:
    """What makes two bundles the same for a shopper: the items, how many, the referral."""
    return (bundle.referral, tuple((i.role, i.product.sku, i.quantity) for i in bundle.items),
            bundle.missing)


def _case_failures(knowledge: Knowledge, job: JobSpec, answers: Mapping[str, str],
                   bundle: Bundle, invariants: Sequence[Any]) -> List[Failure]:
    found = [Failure("no bundle", job.key, answers,
                     f"nothing in the catalogue for {knowledge.categories[m].label}")
             for m in bundle.missing]
    if not bundle.items and not bundle.referral and not bundle.missing:
        found.append(Failure("no bundle", job.key, answers, "the bundle is empty"))
    found += [Failure("out of stock", job.key, answers,
                      f"{i.product.sku} ({i.role}): {i.product.stock} in stock, {i.quantity} "
                      "needed, and no substitute")
              for i in bundle.items if i.product.stock < i.quantity]
    case = Case(job.key, answers, knowledge.facts(answers), case_items(bundle.items),
                bundle.referral is not None, job.questions)
    for invariant in invariants:
        for problem in invariant.broken(case):
            found.append(Failure("invariant", job.key, answers,
                                 f"{invariant.key} ({invariant.says}): {problem}"))
    return found


# -- reasons ------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9']+")
_SMALL_WORDS = frozenset("a an the to of in on for and or it is so that with your you it's "
                         "at by from as be can each one".split())


def reason_problems(knowledge: Knowledge, job: str, text: str) -> List[str]:
    """What is wrong with a reason: a clause said twice, or another job's words."""
    problems = []
    words = _WORD.findall(text.lower())
    # Three words said twice, two of them telling ("won't bridge a ... won't bridge a").
    grams = [tuple(words[i:i + 3]) for i in range(len(words) - 2)]
    repeated = sorted({" ".join(g) for g in grams
                       if grams.count(g) > 1 and len(set(g) - _SMALL_WORDS) >= 2})
    if repeated:
        problems.append(f"{text!r} repeats itself ({repeated[0]!r})")
    for phrase, other in _foreign_phrases(knowledge, job):
        if re.search(rf"\b{re.escape(phrase)}\b", text.lower()):
            problems.append(f"{text!r} names {phrase!r}, a word of the job {other}")
    return problems


def _foreign_phrases(knowledge: Knowledge, job: str) -> List[Tuple[str, str]]:
    """Words that name another job and not this one, nor anything this job sells or asks."""
    own = _vocabulary(knowledge, knowledge.jobs[job])
    return [(phrase, other.key) for other in knowledge.jobs.values() if other.key != job
            for phrase in other.synonyms if phrase not in own]


def _vocabulary(knowledge: Knowledge, job: JobSpec) -> Set[str]:
    words = set(job.synonyms) | set(_WORD.findall(f"{job.name} {job.label}".lower()))
    for component in job.components:
        category = knowledge.categories[component.category]
        words |= set(category.synonyms) | {category.label.lower()}
    for key in job.questions:
        for option in knowledge.questions[key].options:
            words |= set(option.synonyms) | {option.label.lower()}
    return words


# -- the merchandiser's report -----------------------------------------------------------------


def _report(knowledge: Knowledge, keys: Mapping[str, List[Tuple[Scenario, BundleKey]]],
            built: Mapping[Tuple[Any, ...], Any], products: Sequence[Tuple[str, str]], reached: Set[str],
            reader: Optional[Reader]) -> Report:
    report = Report(products=len(products))
    if reader is not None:
        report.shared_words, report.switching_words = _words(knowledge, reader)
    for job in knowledge.jobs.values():
        cases = keys[job.key]
        for question in job.questions:
            changes_bundle, changes_signature, idle = _effect(knowledge, cases, question)
            if not changes_bundle:
                report.idle_questions.append((job.key, question, changes_signature))
            else:
                report.idle_options += [(job.key, question, option) for option in idle]
        if cases:
            best = max(cases, key=lambda c: c[0].weight)[0]
            bundle = built[best.signature]
            short = [f"{i.substitute_for.name} (out of stock, {i.product.name} instead)"
                     for i in bundle.items if i.substitute_for] + [
                     f"no {m}" for m in bundle.missing]
            if short:
                report.short_today.append((job.key, best.answers, "; ".join(short)))
    unreachable: Dict[str, List[str]] = defaultdict(list)
    for sku, category in products:
        if sku not in reached:
            unreachable[category].append(sku)
    report.unreachable = dict(sorted(unreachable.items()))
    return report


def _effect(knowledge: Knowledge, cases: Sequence[Tuple[Scenario, BundleKey]],
            question: str) -> Tuple[bool, bool, List[str]]:
    """Whether the question ever changes the bundle, whether it ever changes what the
    bundle requires (the engine asks it then), and the options that, whatever else is
    said, lead to the bundle of another option."""
    groups: Dict[Tuple[Any, ...], Dict[str, Tuple[BundleKey, Tuple[Any, ...]]]] = defaultdict(dict)
    for scenario, key in cases:
        rest = tuple(sorted((q, o) for q, o in scenario.answers.items() if q != question))
        groups[rest][scenario.answers[question]] = (key, scenario.signature)
    changes_bundle = any(len({k for k, _ in g.values()}) > 1 for g in groups.values())
    changes_signature = any(len({s for _, s in g.values()}) > 1 for g in groups.values())
    options = [o.key for o in knowledge.questions[question].options]
    idle = [o for o in options
            if all(o not in g or any(g[o][0] == g[x][0] for x in g if x != o)
                   for g in groups.values())]
    return changes_bundle, changes_signature, idle if changes_bundle else []


def _words(knowledge: Knowledge, reader: Reader
           ) -> Tuple[List[Tuple[str, Tuple[str, ...]]], List[Tuple[str, str, str, Tuple[str, ...]]]]:
    shared: Dict[str, Tuple[str, ...]] = {}
    for job in knowledge.jobs.values():
        for phrase in job.synonyms:
            named = reader(phrase, None)
            if len(named) > 1:
                shared[phrase] = tuple(sorted(named))
    switching: Dict[Tuple[str, str, str], Set[str]] = {}
    for job in knowledge.jobs.values():
        for key in job.questions:
            for option in knowledge.questions[key].options:
                for phrase in (option.label.lower(), *option.synonyms):
                    named = reader(phrase, key) - {job.key}
                    if named and phrase not in job.synonyms:
                        switching.setdefault((key, option.key, phrase), set()).update(named)
    return (sorted(shared.items()),
            sorted((q, o, p, tuple(sorted(jobs))) for (q, o, p), jobs in switching.items()))


def interpreter_reader(knowledge: Knowledge) -> Reader:
    """Which jobs a phrase names, as the assistant's reader (spaCy) reads it."""
    from bot.language import interpreter_for

    interpreter = interpreter_for(knowledge)

    def read(phrase: str, question: Optional[str]) -> Set[str]:
        pending = knowledge.questions.get(question) if question else None
        return set(interpreter.read(phrase, pending).options.get(JOB_QUESTION, ()))

    return read


# -- printing ----------------------------------------------------------------------------------


def format_result(result: CheckResult, examples: int = 3) -> str:
    """The check's verdict, its figures and the merchandiser's report, as text."""
    lines = [f"{result.jobs} jobs, {result.combinations} combinations of answers, "
             f"{result.signatures} distinct requirements, {result.bundles} distinct bundles, "
             f"{result.invariants} invariants; {result.seconds:.1f} s."]
    grouped: Dict[Tuple[str, str, str], List[Failure]] = defaultdict(list)
    for failure in result.failures:
        grouped[(failure.kind, failure.job, failure.detail)].append(failure)
    if grouped:
        lines.append(f"FAILED: {len(result.failures)} problems in {len(grouped)} kinds:")
    for (kind, job, detail), found in grouped.items():
        lines.append(f"- {kind}, {job}: {detail} ({len(found)} combination"
                     f"{'s' if len(found) > 1 else ''})")
        lines += [f"    e.g. {_answers(f.answers)}" for f in found[:examples]]
    if not grouped:
        lines.append("Passed: every combination has a bundle, in stock or with a substitute, "
                     "that keeps every invariant, with reasons that say each thing once.")
    lines += ["", "Merchandiser's report", ""] + _report_lines(result.report)
    return "\n".join(lines)


def _answers(answers: Mapping[str, str]) -> str:
    return ", ".join(f"{q}={o}" for q, o in answers.items() if q != JOB_QUESTION)


def _report_lines(report: Report) -> List[str]:
    lines = ["Words that name several jobs (the job stays open until one is chosen):"]
    lines += [f"  {w!r}: {', '.join(jobs)}" for w, jobs in report.shared_words] or ["  none"]
    lines.append("Answer words that also name another job (answering with them can switch "
                 "the job):")
    lines += [f"  {q}={o}: {p!r} names {', '.join(jobs)}"
              for q, o, p, jobs in report.switching_words] or ["  none"]
    lines.append("Questions that never change a bundle:")
    lines += [f"  {job}: {q}" + (" (asked all the same: what it requires changes, but the "
                                  "catalogue answers alike)" if asked else "")
              for job, q, asked in report.idle_questions] or ["  none"]
    lines.append("Options that lead to another option's bundle whatever else is said:")
    lines += [f"  {job}: {q}={o}" for job, q, o in report.idle_options] or ["  none"]
    total = sum(len(s) for s in report.unreachable.values())
    lines.append(f"Products no bundle can reach: {total} of {report.products} "
                 "(dearer twins of a cheaper product, or kinds no job sells):")
    lines += [f"  {category}: {len(skus)} ({', '.join(skus[:4])}{', ...' if len(skus) > 4 else ''})"
              for category, skus in report.unreachable.items()] or ["  none"]
    lines.append("Jobs whose most likely bundle is short of stock today:")
    lines += [f"  {job} ({_answers(answers)}): {detail}"
              for job, answers, detail in report.short_today] or ["  none"]
    return lines
