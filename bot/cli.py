"""The ``bot`` command line: set up the catalogue, train, run, and talk to the assistant."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, List, Optional

from bot.catalogue.importer import ImportRejected
from bot.db import DatabaseUnavailable
from bot.knowledge import KnowledgeError
from bot.settings import demo_dir

if TYPE_CHECKING:
    from bot.replay.story_replay import IntentMeanings
    from bot.replay.tracker import TrackerEvents


def main(argv: Optional[List[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except ImportRejected as error:
        print(f"Import rejected: {error}", file=sys.stderr)
        return 1
    except (KnowledgeError, DatabaseUnavailable) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bot", description=__doc__)
    commands = parser.add_subparsers()

    db = commands.add_parser("db", help="the catalogue database").add_subparsers()
    init = db.add_parser("init", help="create the database and load the needs knowledge")
    init.add_argument("--demo", action="store_true", help="also load the demo products")
    init.add_argument("--needs", type=Path, help="a needs.yml (default: the demo one)")
    init.add_argument("--products", type=Path, help="a products CSV to load")
    init.add_argument("--orders", type=Path, help="a CSV of past orders to load "
                      "(with --demo: the demo orders)")
    init.set_defaults(handler=_db_init)
    upgrade = db.add_parser("upgrade", help="run the migrations the database has not had "
                            "(a database made before migrations is adopted as it is)")
    upgrade.set_defaults(handler=_db_upgrade)
    revision = db.add_parser("revision", help="write a migration for what the models "
                             "changed (docs/migrations.md)")
    revision.add_argument("-m", "--message", required=True, help="what it changes, in words")
    revision.set_defaults(handler=_db_revision)

    cases = commands.add_parser("cases", help="cases opened with makers").add_subparsers()
    report = cases.add_parser("report", help="maker cases grouped by product and defect, "
                              "for the buying team")
    report.set_defaults(handler=_cases_report)

    _security_commands(commands)
    _staff_commands(commands)

    catalogue = commands.add_parser("catalogue", help="the product catalogue").add_subparsers()
    load = catalogue.add_parser("import", help="import products from a CSV (all or nothing)")
    load.add_argument("file", type=Path)
    load.set_defaults(handler=_catalogue_import)

    knowledge = commands.add_parser("knowledge", help="the needs knowledge").add_subparsers()
    check = knowledge.add_parser(
        "check", help="build the bundle of every combination of every job's answers and fail "
        "on a broken invariant, a combination without a bundle, an item out of stock without "
        "a substitute, or a reason that repeats itself or names another job's things; then "
        "print a merchandiser's report")
    check.add_argument("--demo", action="store_true",
                       help="check the demo needs.yml against the demo products")
    check.add_argument("--needs", type=Path, help="a needs.yml to check (default: the "
                       "knowledge in the database, or the demo one with --demo)")
    check.add_argument("--products", type=Path, help="a products CSV to check against "
                       "(default: the database's products, or the demo ones with --demo)")
    check.add_argument("--examples", type=int, default=3,
                       help="combinations shown for each kind of failure")
    check.set_defaults(handler=_knowledge_check)

    consult = commands.add_parser("consult", help="talk to the consultant without Rasa "
                                  "(for checking the catalogue data)")
    consult.add_argument("messages", nargs="*", help="messages to send in order")
    consult.add_argument("--json", action="store_true", help="print the custom payloads too")
    consult.set_defaults(handler=_consult)

    for name, helptext, handler in (
        ("train", "train the Rasa model if it is missing or older than the training data",
         _train),
        ("run", "start the action server and Rasa server, and chat", _run),
        ("token", "print the token for Rasa's HTTP API", _token),
        ("examples", "write data/nlu_knowledge.yml: the knowledge's products, jobs and "
                     "answers in shoppers' frames (then train)", _examples),
        ("chat", "chat with a running assistant over the REST channel", _chat),
    ):
        sub = commands.add_parser(name, help=helptext)
        sub.set_defaults(handler=handler)
        if name == "train":
            sub.add_argument("--force", action="store_true")
        if name == "chat":
            sub.add_argument("--url", default="http://127.0.0.1:5005")
            sub.add_argument("--sender", default="terminal")
        if name == "run":
            _replica_options(sub)

    _replay_commands(commands)

    measure = commands.add_parser("eval", help="measure the assistant: needs discovery with a "
                                  "simulated shopper, or understanding (docs/evaluation.md)")
    measure.add_argument("what", choices=("discovery", "nlu"))
    measure.add_argument("options", nargs=argparse.REMAINDER, help="see bot eval WHAT --help")
    measure.set_defaults(handler=_eval)
    return parser


def _at_least(least: int) -> Callable[[str], int]:
    """An argument type: a whole number of at least ``least`` (a clear message otherwise,
    not a traceback from deep in the start-up)."""
    def whole_number(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if number < least:
            raise argparse.ArgumentTypeError(f"must be {least} or more, not {number}")
        return number
    return whole_number


def _replica_options(run: argparse.ArgumentParser) -> None:
    run.add_argument("--replicas", type=_at_least(0), default=0, metavar="N",
                     help="N Rasa servers behind nginx, on PostgreSQL and Redis (README: a shop "
                     "on more than one machine); without it, one of each on SQLite")
    run.add_argument("--action-servers", type=_at_least(1), metavar="M",
                     help="M action servers behind nginx (default: as many as --replicas)")
    run.add_argument("--staff-servers", type=_at_least(1), metavar="K",
                     help="K staff servers (tablet, desk, replay) behind nginx on the staff "
                     "port (default: as many as --replicas)")
    run.add_argument("--database", metavar="URL", help="the shop database, postgresql://... "
                     "(default: a PostgreSQL of the project's own under var/services/)")
    run.add_argument("--redis", metavar="URL", help="the lock store, redis://[:password@]host:"
                     "port/db (default: a Redis of the project's own under var/services/)")
    run.add_argument("--port", type=int, default=5005, help="where nginx takes the shoppers' "
                     "requests (default 5005)")
    run.add_argument("--actions-port", type=int, default=5055,
                     help="where nginx takes the Rasa servers' action calls (default 5055)")

def _replay_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    replay = commands.add_parser("replay", help="replays for sales trainers: recorded "
                                 "conversations and stories, turn by turn").add_subparsers()
    listing = replay.add_parser("list", help="recorded conversations (latest first), or the "
                                "stories with --stories")
    listing.add_argument("--stories", action="store_true", help="list the stories instead")
    listing.add_argument("--since", help="started on or after (YYYY-MM-DD)")
    listing.add_argument("--until", help="started on or before (YYYY-MM-DD)")
    listing.add_argument("--job", help="the job settled (a key of needs.yml)")
    listing.add_argument("--outcome", choices=_outcomes())
    listing.add_argument("--min-length", type=int, help="at least this many messages")
    listing.add_argument("--max-length", type=int, help="at most this many messages")
    listing.add_argument("--words", help="words in the first line")
    listing.set_defaults(handler=_replay_list)
    show = replay.add_parser("show", help="a recorded conversation (its ref or sender id) or "
                             "a story (file#name) turn by turn, with the assistant's reasons")
    show.add_argument("name")
    show.add_argument("--model-url", default="http://127.0.0.1:5005", help="the Rasa server "
                      "that reads a story's words as today's model does")
    show.add_argument("--no-model", action="store_true", help="replay a story's own intents "
                      "only (no running server needed)")
    show.set_defaults(handler=_replay_show)
    check = replay.add_parser("check", help="every story by Rasa's own evaluation (`rasa "
                              "test core`): which replay exactly, which part and where")
    check.add_argument("files", nargs="*", help="story files (default: data/stories.yml and "
                       "tests/test_stories.yml)")
    check.add_argument("--model", type=Path, help="a trained model (default: train if needed)")
    check.set_defaults(handler=_replay_check)
    annotate = replay.add_parser("annotate", help="propose the right intent of a message the "
                                 "model misread, as a training example")
    annotate.add_argument("sender", help="the conversation's sender id or its ref")
    annotate.add_argument("turn", type=int, help="the message (1-based)")
    annotate.add_argument("intent", help="the intent it should have been read as")
    annotate.set_defaults(handler=_replay_annotate)
    proposed = replay.add_parser("proposals", help="proposed training examples, flagged when "
                                 "they repeat or contradict the training data or each other")
    proposed.add_argument("--status", default="proposed",
                          choices=("proposed", "accepted", "rejected", "all"))
    proposed.set_defaults(handler=_replay_proposals)
    for verb, helptext in (("accept", "accept a proposal: written to data/nlu_from_shoppers.yml "
                            "for the next `bot train`"), ("reject", "reject a proposal")):
        decide = replay.add_parser(verb, help=helptext)
        decide.add_argument("id", type=int)
        decide.set_defaults(handler=_replay_decide, accept=verb == "accept")
    for parent, helptext in ((replay, "a recorded conversation as a test story"),
                             (commands.add_parser("stories", help="test stories")
                              .add_subparsers(), "a recorded conversation as a test story "
                              "(personal data replaced by placeholders)")):
        export = parent.add_parser("export", help=helptext)
        export.add_argument("sender", help="the conversation's sender id or its ref")
        export.add_argument("-o", "--out", type=Path, help="write here (default: print)")
        export.add_argument("--intent", action="append", default=[], metavar="TURN=INTENT",
                            help="the right intent of a misread message (1-based turn)")
        export.set_defaults(handler=_replay_export)


def _outcomes() -> List[str]:
    from bot.replay.recorded import OUTCOMES

    return list(OUTCOMES)


def _tracker() -> "TrackerEvents":
    from bot.replay.tracker import TrackerEvents, tracker_url

    return TrackerEvents(tracker_url(_root()))


def _intents() -> "IntentMeanings":
    # The chat face's table (no Rasa import there): the command line is where the replay is
    # wired to the face whose conversations it reads.
    from actions.intents import MEANINGS

    return MEANINGS


def _replay_list(args: argparse.Namespace) -> int:
    from datetime import datetime, time

    from bot.replay.recorded import Filters, list_recorded
    from bot.replay.stories import read_stories
    from bot.replay.text import format_summaries

    if args.stories:
        for story in read_stories(_root()):
            words = "words" if story.has_words else "intents only"
            print(f"{story.key}  ({len(story.messages)} messages, {words})")
        return 0
    day = datetime.fromisoformat
    filters = Filters(
        since=day(args.since) if args.since else None,
        until=datetime.combine(day(args.until).date(), time.max) if args.until else None,
        job=args.job, outcome=args.outcome, min_length=args.min_length,
        max_length=args.max_length, words=args.words)
    print(format_summaries(list_recorded(_tracker(), filters)))
    return 0


def _replay_show(args: argparse.Namespace) -> int:
    from bot.replay.rasa_api import ModelUnavailable, RasaParser
    from bot.replay.recorded import recorded_steps
    from bot.replay.sandbox import sandbox_shop
    from bot.replay.stories import StoryError, find_story
    from bot.replay.story_replay import replay_story
    from bot.replay.text import format_step, format_story_replay
    from bot.serve import load_secrets
    from bot.shop import open_shop

    if "#" in args.name or args.name.endswith(".yml"):
        try:
            story = find_story(_root(), args.name)
        except StoryError as error:
            print(f"Error: {error}", file=sys.stderr)
            return 1
        parser = None if args.no_model else RasaParser(args.model_url,
                                                       load_secrets(_root())["RASA_TOKEN"])
        try:
            print(format_story_replay(replay_story(story, sandbox_shop, _intents(), parser)))
        except ModelUnavailable as error:
            print(f"Error: {error} (or pass --no-model)", file=sys.stderr)
            return 1
        return 0
    recorded = _tracker().find(args.name)
    if recorded is None:
        print(f"Error: no recorded conversation {args.name!r}", file=sys.stderr)
        return 1
    with open_shop() as shop:
        steps = recorded_steps(recorded, shop.services.reader)
    print(f"conversation {recorded.ref}")
    print("\n".join(format_step(step) for step in steps))
    return 0


def _replay_check(args: argparse.Namespace) -> int:
    from bot.replay.evaluation import evaluate_stories
    from bot.replay.stories import STORY_FILES
    from bot.serve import _bin, ensure_model

    model = args.model or ensure_model(_root())
    files = args.files or list(STORY_FILES)
    print(f"Running Rasa's story evaluation (rasa test core) on {', '.join(files)}...",
          flush=True)
    evaluation = evaluate_stories(_root(), model, files, _bin("rasa"))
    if not evaluation.results:
        print(evaluation.output, file=sys.stderr)
    for result in evaluation.results:
        print(result.describe())
    passed = sum(r.passed for r in evaluation.results)
    print(f"{passed} of {len(evaluation.results)} stories replay exactly.")
    return 0 if evaluation.passed else 1


def _replay_export(args: argparse.Namespace) -> int:
    from bot.replay.export import export_story
    from bot.replay.recorded import recorded_steps

    recorded = _tracker().find(args.sender)
    if recorded is None:
        print(f"Error: no recorded conversation {args.sender!r}", file=sys.stderr)
        return 1
    try:
        corrected = {int(t): i for t, _, i in (given.partition("=") for given in args.intent)}
    except ValueError:
        print("Error: --intent takes TURN=INTENT, e.g. --intent 3=inform", file=sys.stderr)
        return 1
    text = export_story(recorded, recorded_steps(recorded), corrected)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"Wrote {args.out} (check it with `rasa data validate` and run it with "
              f"`rasa test core --stories {args.out}`).")
    else:
        print(text, end="")
    return 0


def _replay_annotate(args: argparse.Namespace) -> int:
    import getpass
    from datetime import datetime

    from bot.db import session_scope
    from bot.replay.annotations import propose
    from bot.replay.export import names_given
    from bot.replay.recorded import recorded_steps
    from bot.store import ensure_schema

    recorded = _tracker().find(args.sender)
    steps = recorded_steps(recorded) if recorded else []
    if recorded is None or not 0 < args.turn <= len(steps) or args.intent not in _intents():
        print("Error: give a recorded conversation, one of its turns and a known intent",
              file=sys.stderr)
        return 1
    step = steps[args.turn - 1]
    if step.text.startswith("["):
        print("Error: that turn was a button, not words", file=sys.stderr)
        return 1
    ensure_schema()
    with session_scope() as session:
        proposal = propose(session, step.text, args.intent, step.understood.intent,
                           getpass.getuser(), datetime.now(), names_given(recorded))
        print(f"Proposal {proposal.id}: {proposal.text!r} as {proposal.intent} "
              f"(read as {proposal.read_as}).")
    return 0


def _replay_proposals(args: argparse.Namespace) -> int:
    from bot.db import session_scope
    from bot.replay.annotations import proposals
    from bot.store import ensure_schema

    ensure_schema()
    with session_scope() as session:
        found = proposals(session, _root(), None if args.status == "all" else args.status)
        for p in found:
            flags = "".join(f"\n    ! {flag}" for flag in p.flags)
            print(f"{p.id:>4}  {p.status:<8}  {p.intent:<14} {p.text!r} (read as {p.read_as}; "
                  f"by {p.proposed_by}){flags}")
        if not found:
            print("No proposals.")
    return 0


def _replay_decide(args: argparse.Namespace) -> int:
    import getpass

    from bot.db import session_scope
    from bot.replay.annotations import ACCEPTED_FILE, decide

    try:
        with session_scope() as session:
            decided = decide(session, _root(), args.id, args.accept, getpass.getuser())
    except ValueError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    print(f"Proposal {decided.id} {decided.status}." + (
        f" It is in {ACCEPTED_FILE}: the next `bot train` learns it." if args.accept else ""))
    return 0


def _security_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    security = commands.add_parser("security", help="recognition of clients by code: "
                                   "failures, lock-outs, the audit log").add_subparsers()
    report = security.add_parser("report", help="failed recognitions, bursts, lock-outs and "
                                 "the audit log")
    report.add_argument("--hours", type=float, default=24, help="how far back (default 24)")
    report.set_defaults(handler=_security_report)
    lift = security.add_parser("lift", help="lift a lock-out (after checking who is asking)")
    which = lift.add_mutually_exclusive_group(required=True)
    for kind in ("conversation", "address", "code"):
        which.add_argument(f"--{kind}", metavar=kind.upper())
    lift.set_defaults(handler=_security_lift)
    sign = security.add_parser("sign", help="sign a sender id with BOT_SENDER_SECRET, as a "
                               "shop's backend would")
    sign.add_argument("sender")
    sign.set_defaults(handler=_security_sign)


def _staff_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    from bot.staff.accounts import ROLES

    staff = commands.add_parser("staff", help="staff accounts for the tablet and the desk "
                                "(edge/staff)").add_subparsers()
    add = staff.add_parser("add", help="add an account (asks for the password twice)")
    add.add_argument("name", help="the name staff sign in with; shoppers see the first name")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from standard input (for scripts)")
    add.set_defaults(handler=_staff_add)
    listing = staff.add_parser("list", help="the accounts and their roles")
    listing.set_defaults(handler=_staff_list)


def _staff_add(args: argparse.Namespace) -> int:
    from datetime import datetime
    from getpass import getpass

    from bot.db import session_scope
    from bot.staff.accounts import AccountError, add_account
    from bot.store import ensure_schema

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass("Password: ")
        if getpass("Once more: ") != password:
            print("Error: the passwords differ.", file=sys.stderr)
            return 1
    try:
        ensure_schema()
        with session_scope() as session:
            account = add_account(session, args.name, args.role, password, datetime.now())
            print(f"Added {account.name} ({account.role}).")
    except AccountError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


def _staff_list(args: argparse.Namespace) -> int:
    from bot.db import session_scope
    from bot.staff.accounts import accounts

    with session_scope() as session:
        for account in accounts(session):
            state = "" if account.active else " (inactive)"
            print(f"{account.name}\t{account.role}{state}")
    return 0


def _security_report(args: argparse.Namespace) -> int:
    from datetime import datetime

    from bot.care.security import format_security_report, security_report
    from bot.db import session_scope

    with session_scope() as session:
        print(format_security_report(security_report(session, datetime.now(), args.hours)))
    return 0


def _security_lift(args: argparse.Namespace) -> int:
    from datetime import datetime

    from bot.care.security import lift
    from bot.db import session_scope

    kind, value = next((k, v) for k, v in (("conversation", args.conversation),
                                           ("address", args.address), ("code", args.code)) if v)
    try:
        with session_scope() as session:
            before = lift(session, kind, value, datetime.now())
    except ValueError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    if before is None:
        print(f"No failed recognitions were counted against that {kind}: nothing to lift.")
    else:
        print(f"Lifted: the {kind} had {before.failures} failure(s)"
              f"{' and was locked out' if before.locked else ''}; it starts afresh.")
    return 0


def _security_sign(args: argparse.Namespace) -> int:
    from bot.signing import sender_secret, sign_sender

    try:
        print(sign_sender(sender_secret(), args.sender))
    except ValueError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


def _db_init(args: argparse.Namespace) -> int:
    from bot.store import init_database

    products = args.products or (demo_dir() / "products.csv" if args.demo else None)
    orders = args.orders or (demo_dir() / "orders.csv" if args.demo else None)
    report = init_database(needs=args.needs, products=products, orders=orders)
    print("Needs knowledge loaded." + (f" Products: {report.added} added, {report.replaced} "
                                       "replaced." if report else ""))
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    from bot import schema
    from bot.store import ensure_schema

    before = schema.current()
    ensure_schema()
    after = schema.current()
    print(f"The database is at {after}" + (f" (was {before or 'not migrated'})."
                                           if before != after else "; nothing to do."))
    return 0


def _db_revision(args: argparse.Namespace) -> int:
    from bot import schema

    written = schema.new_revision(args.message)
    if written is None:
        print("The models and the newest migration agree: no migration written.")
        return 0
    print(f"Wrote {written}: read it, adjust it (data to move, defaults for new columns), "
          "then run `bot db upgrade`.")
    return 0

def _knowledge_check(args: argparse.Namespace) -> int:
    import os
    import tempfile

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # spaCy's thinc imports TensorFlow

    from sqlalchemy import select

    from bot.catalogue.models import Product
    from bot.catalogue.needs import current_knowledge, read_needs_file
    from bot.catalogue.repository import SqlCatalogue
    from bot.db import session_scope
    from bot.knowledge_check import check_knowledge, format_result, interpreter_reader
    from bot.store import init_database

    needs = args.needs or (demo_dir() / "needs.yml" if args.demo else None)
    products = args.products or (demo_dir() / "products.csv" if args.demo else None)
    with tempfile.TemporaryDirectory() as folder:
        url = None
        if products is not None:  # a catalogue of its own, so the shop's is left alone
            url = f"sqlite:///{Path(folder) / 'check.db'}"
            init_database(url, needs=needs, products=products)
        with session_scope(url) as session:
            knowledge = read_needs_file(needs) if needs else current_knowledge(session)
            rows = [(sku, category) for sku, category in
                    session.execute(select(Product.sku, Product.category))]
            result = check_knowledge(knowledge, SqlCatalogue(session), rows,
                                     interpreter_reader(knowledge))
    print(format_result(result, args.examples))
    return 0 if result.passed else 1


def _catalogue_import(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.catalogue.importer import import_products, read_file
    from bot.db import session_scope, unavailable

    text = read_file(args.file)
    try:
        with session_scope() as session:
            report = import_products(session, text)
    except SQLAlchemyError as error:
        raise unavailable(error, "import into the catalogue database") from error
    print(f"Imported {args.file}: {report.added} added, {report.replaced} replaced.")
    return 0


def _cases_report(args: argparse.Namespace) -> int:
    from bot.care.returns import cases_report, format_cases_report
    from bot.db import session_scope

    with session_scope() as session:
        print(format_cases_report(cases_report(session)))
    return 0


def _consult(args: argparse.Namespace) -> int:
    from bot.dialogue.state import Conversation
    from bot.dialogue.turn import Meaning, Turn
    from bot.shop import open_shop

    conversation = Conversation()
    messages = args.messages or (line.rstrip("\n") for line in sys.stdin)
    for text in messages:
        print(f"> {text}")
        meaning = Meaning.JUST_THE_ITEM if text.lower().startswith("just the") else Meaning.UNCLEAR
        with open_shop() as shop:
            outcome = shop.dialogue.handle(Turn(text=text, meaning=meaning, sender="cli"),
                                           conversation)
        conversation = outcome.conversation
        for reply in outcome.replies:
            print(reply.text or "")
            if reply.choices:
                print("  [" + "] [".join(c.label for c in reply.choices) + "]")
            if args.json:
                print(json.dumps(_plain(reply), indent=1, default=str))
    return 0


def _plain(reply: object) -> object:
    """A reply as plain data, for --json."""
    import dataclasses

    return {"type": type(reply).__name__, **dataclasses.asdict(reply)}  # type: ignore[call-overload]


def _root() -> Path:
    return Path.cwd()


def _train(args: argparse.Namespace) -> int:
    from bot.serve import ensure_model

    print(ensure_model(_root(), force=args.force))
    return 0


def _run(args: argparse.Namespace) -> int:
    from bot.serve import run
    from bot.store import catalogue_ready, ensure_schema, init_database

    if not args.replicas and (args.action_servers or args.staff_servers):
        print("bot run: --action-servers and --staff-servers go with --replicas N "
              "(without it, one of each on SQLite)", file=sys.stderr)
        return 2
    if args.replicas:
        from bot.replicas import run_replicas

        return run_replicas(_root(), replicas=args.replicas,
                            action_servers=args.action_servers or args.replicas,
                            database_url=args.database, redis_url=args.redis, port=args.port,
                            actions_port=args.actions_port, staff_servers=args.staff_servers)
    if not catalogue_ready():
        print("Setting up the catalogue database with the demo products...")
        init_database(products=demo_dir() / "products.csv", orders=demo_dir() / "orders.csv")
    else:
        ensure_schema(knowledge=True)
    return int(run(_root()) or 0)


def _examples(args: argparse.Namespace) -> int:
    # The measurements' own lines must be left out, and they live in bench/ (as `bot eval`).
    return _bench("examples", [])


def _token(args: argparse.Namespace) -> int:
    from bot.serve import load_secrets

    print(load_secrets(_root())["RASA_TOKEN"])
    return 0


def _eval(args: argparse.Namespace) -> int:
    return _bench(args.what, args.options)


def _bench(module: str, options: List[str]) -> int:
    import os
    import subprocess

    # The tools live in bench/, beside the package rather than in it: run them from the root.
    command = [sys.executable, "-m", f"bench.{module}", *options]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}  # spaCy's thinc imports TensorFlow
    return subprocess.run(command, cwd=_root(), env=env).returncode


def _chat(args: argparse.Namespace) -> int:
    from bot.serve import chat

    chat(args.url, args.sender)
    return 0


if __name__ == "__main__":
    sys.exit(main())
