"""``refdata pull``: fetch the upstream sources, verify them, build, and swap the new set in.

From the network (the default) it fetches the Office of the Historian repositories the builders
read (rdcr, pocom, gsh, visits: archive downloads, one ZIP per repository) and the Wikidata
answers (``wikidata.QUERIES`` sent to a SPARQL endpoint); with ``source`` it reads a local folder
laid out like ``../shared/reference`` or an archive (ZIP or tar) of one. Sources not fetched (the
Factbook, which ended in February 2026, and the trade agreements) keep the tables of the active
set.

What arrives is checked before anything is installed: the HTTP status and announced size, the
archive's integrity (every member's CRC), that it unpacks inside its folder, the folders each
builder needs, the SPARQL results format, then the builder's own result (rows, malformed files)
against the active set. The new set is built under ``<data dir>/reference/sets/<id>`` and only
then made active (``datadir.activate``): a failure at any step leaves the active set as it was.
Only the standard library touches the network (``urllib``); every URL is configurable.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import shutil
import stat
import tarfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .. import __version__
from ..errors import ReferenceDataError
from . import datadir, wikidata
from .build import BUILDERS, OPTIONAL_BUILDERS, BuildReport, build
from .store import source_version

#: the Office of the Historian repositories a builder reads (travels has no builder yet)
HISTORIAN_REPOS = ("rdcr", "pocom", "gsh", "visits")
#: GitHub's archive of the default branch; ``--url NAME=URL`` replaces one
DEFAULT_URL = "https://github.com/HistoryAtState/{name}/archive/HEAD.zip"
DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
PULLABLE = (*HISTORIAN_REPOS, "wikidata")
#: sources `pull` cannot fetch, and why (their tables are carried over)
NOT_PULLED = {
    "factbook": "the CIA World Factbook ended in February 2026; its tables stay as built",
    "agreements": "manytrade's files are AGPL-licensed and not fetched; rebuild with --from",
}
#: folders each repository's archive must contain: a missing one means the upstream changed shape
EXPECTED = {
    "rdcr": ("articles",),
    "pocom": ("missions-countries", "people"),
    "gsh": ("data/territories",),
    "visits": ("data",),
}
#: where each builder's raw input lives under the source root (present → the builder runs)
RAW_FOLDERS = {
    "rdcr": "historian/rdcr", "pocom": "historian/pocom", "gsh": "historian/gsh",
    "visits": "historian/visits", "factbook": "factbook", "agreements": "agreements",
    "wikidata": "wikidata",
}
#: builders that also read gsh's id table
NEEDS_GSH = ("rdcr", "pocom", "visits")
MAX_DOWNLOAD = 512 * 1024 * 1024
#: the shipped tables must stay under 15 MB (the package); a pulled set lives in the user's data
#: directory and may be larger (Wikidata's answers add a few MB)
PULL_BUDGET = 64 * 1024 * 1024
MAX_UNPACKED = 2 * 1024 * 1024 * 1024
MAX_MEMBERS = 200_000
#: a rebuilt source with fewer rows than this share of the active one's is refused (without force)
MIN_ROW_SHARE = 0.5
#: … and one with more malformed inputs than this share of the files it read (or than the active
#: set's count, when that is higher: known bad rows upstream are not news)
MAX_MALFORMED_SHARE = 0.1
CHUNK = 1 << 16

Progress = Callable[[str, str, int, int | None], None]


@dataclass
class Fetched:
    source: str
    origin: str  # the URL or local path it came from
    bytes: int = 0
    commit: str = ""
    date: str = ""


@dataclass
class PullReport:
    set_name: str
    path: Path
    previous: str | None
    built: BuildReport
    fetched: dict[str, Fetched]
    carried: list[str]
    seconds: float
    conflicts: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        manifest = self.built.manifest["sources"]
        return {
            "set": self.set_name, "path": str(self.path), "previous": self.previous or "shipped",
            "seconds": round(self.seconds, 2),
            "rebuilt": [{"source": name, "rows": manifest[name]["rows"], "first": manifest[name]["first"],
                         "last": manifest[name]["last"], "version": _version(manifest[name]),
                         "origin": self.fetched[name].origin if name in self.fetched else None,
                         "malformed": manifest[name]["malformed"], "warnings": len(manifest[name]["warnings"])}
                        for name in self.built.results],
            "carried": self.carried,
            "conflicts": self.conflicts,
        }


def _version(entry: dict[str, Any]) -> str:
    return source_version(entry.get("upstream"), entry.get("commit"), entry.get("upstream_date"),
                          entry.get("fetched"))


# -- fetching --------------------------------------------------------------------------------

def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url


def download(url: str, target: Path, *, label: str, progress: Progress | None = None,
             timeout: float = 60.0, max_bytes: int = MAX_DOWNLOAD,
             headers: dict[str, str] | None = None) -> int:
    """Fetch ``url`` into ``target``; the byte count. A connection that fails is
    ``E-REFDATA-NETWORK``, an HTTP error ``E-REFDATA-DOWNLOAD``, a body shorter than announced
    ``E-REFDATA-PARTIAL``."""
    request = urllib.request.Request(url, headers={
        "User-Agent": f"factsheet/{__version__} (reference data pull; python urllib)", **(headers or {})})
    done = 0
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, target.open("wb") as out:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            if total is not None and total > max_bytes:
                raise ReferenceDataError(f"{label}: {url} announces {total:,} bytes, over the {max_bytes:,}-byte "
                                         f"limit; nothing was installed", code="E-REFDATA-DOWNLOAD")
            if progress:
                progress("download", label, 0, total)
            while True:
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                done += len(chunk)
                if done > max_bytes:
                    raise ReferenceDataError(f"{label}: {url} sent more than {max_bytes:,} bytes; nothing was "
                                             f"installed", code="E-REFDATA-DOWNLOAD")
                out.write(chunk)
                if progress:
                    progress("download", label, done, total)
            if total is not None and done < total:
                raise _partial(label, url, done, total)
    except urllib.error.HTTPError as exc:
        raise ReferenceDataError(f"{label}: {url} answered HTTP {exc.code} {exc.reason}; check the URL "
                                 f"(--url / --sparql-endpoint) or try later; nothing was installed",
                                 code="E-REFDATA-DOWNLOAD") from None
    except http.client.IncompleteRead as exc:
        raise _partial(label, url, done + len(exc.partial), done + len(exc.partial) + (exc.expected or 0)) from None
    except urllib.error.URLError as exc:
        raise ReferenceDataError(f"{label}: cannot reach {_host(url)} ({exc.reason}); check the network and "
                                 f"that the firewall allows it (see docs/reference.md), or use --from PATH; "
                                 f"nothing was installed", code="E-REFDATA-NETWORK") from None
    except (TimeoutError, ConnectionError, http.client.HTTPException, OSError) as exc:
        raise ReferenceDataError(f"{label}: the download from {_host(url)} broke off after {done:,} bytes "
                                 f"({exc.__class__.__name__}: {exc}); try again; nothing was installed",
                                 code="E-REFDATA-PARTIAL") from None
    return done


def _partial(label: str, url: str, done: int, total: int) -> ReferenceDataError:
    return ReferenceDataError(f"{label}: the download from {_host(url)} stopped after {done:,} of {total:,} "
                              f"bytes; try again; nothing was installed", code="E-REFDATA-PARTIAL")


# -- unpacking -------------------------------------------------------------------------------

def _safe_parts(name: str, label: str) -> tuple[str, ...]:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise ReferenceDataError(f"{label}: the archive holds an unsafe path {name!r}; refused, nothing was "
                                 f"installed", code="E-REFDATA-SCHEMA")
    return tuple(p for p in path.parts if p not in ("", "."))


def _strip_top(names: list[tuple[str, ...]]) -> int:
    """1 when every member lies under one top folder (``rdcr-master/…``), else 0."""
    tops = {parts[0] for parts in names if parts}
    # the top folder's own entry (``rdcr-master/``) has one part; files below it have more
    return 1 if len(tops) == 1 and any(len(p) > 1 for p in names) else 0


def unpack(archive: Path, target: Path, *, label: str, strip: bool = True) -> dict[str, str]:
    """Unpack a ZIP or tar archive into ``target`` safely (no absolute paths, ``..``, links or
    devices; size and member limits), dropping a single top folder. Returns what the archive says
    of its version: ``{"commit", "date"}`` (GitHub writes the commit as the ZIP comment)."""
    target.mkdir(parents=True, exist_ok=True)
    if zipfile.is_zipfile(archive):
        return _unzip(archive, target, label=label, strip=strip)
    try:
        is_tar = tarfile.is_tarfile(archive)
    except OSError:
        is_tar = False
    if is_tar:
        return _untar(archive, target, label=label, strip=strip)
    raise ReferenceDataError(f"{label}: {archive.name} is neither a ZIP nor a tar archive (an incomplete "
                             f"download or an error page?); nothing was installed", code="E-REFDATA-PARTIAL")


def _unzip(archive: Path, target: Path, *, label: str, strip: bool) -> dict[str, str]:
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise ReferenceDataError(f"{label}: the archive unpacks to too many files or bytes; refused",
                                         code="E-REFDATA-SCHEMA")
            bad = zf.testzip()
            if bad is not None:
                raise ReferenceDataError(f"{label}: {bad} in the archive is corrupt (CRC mismatch): a broken "
                                         f"download; try again; nothing was installed", code="E-REFDATA-PARTIAL")
            parts = [_safe_parts(i.filename, label) for i in infos]
            cut = _strip_top(parts) if strip else 0
            latest = None
            for info, p in zip(infos, parts, strict=True):
                mode = info.external_attr >> 16
                if stat.S_ISLNK(mode):
                    continue  # links are not data; never followed
                rel = p[cut:]
                if not rel:
                    continue
                out = target.joinpath(*rel)
                if info.is_dir():
                    out.mkdir(parents=True, exist_ok=True)
                    continue
                out.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, out.open("wb") as dst:
                    shutil.copyfileobj(src, dst, CHUNK)
                stamp = dt.date(*info.date_time[:3]) if info.date_time[0] >= 1980 else None
                latest = max(latest, stamp) if latest and stamp else (stamp or latest)
            comment = zf.comment.decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
        raise ReferenceDataError(f"{label}: the archive is incomplete or corrupt ({exc}); try again; nothing "
                                 f"was installed", code="E-REFDATA-PARTIAL") from None
    commit = comment if len(comment) == 40 and all(c in "0123456789abcdef" for c in comment) else ""
    return {"commit": commit, "date": latest.isoformat() if latest else ""}


def _untar(archive: Path, target: Path, *, label: str, strip: bool) -> dict[str, str]:
    try:
        with tarfile.open(archive) as tf:
            members = tf.getmembers()
            if len(members) > MAX_MEMBERS or sum(m.size for m in members) > MAX_UNPACKED:
                raise ReferenceDataError(f"{label}: the archive unpacks to too many files or bytes; refused",
                                         code="E-REFDATA-SCHEMA")
            parts = [_safe_parts(m.name, label) for m in members]
            cut = _strip_top(parts) if strip else 0
            latest = 0
            for member, p in zip(members, parts, strict=True):
                rel = p[cut:]
                if not rel or not (member.isfile() or member.isdir()):
                    continue  # links and devices are not data
                out = target.joinpath(*rel)
                if member.isdir():
                    out.mkdir(parents=True, exist_ok=True)
                    continue
                out.parent.mkdir(parents=True, exist_ok=True)
                src = tf.extractfile(member)
                if src is None:
                    continue
                with src, out.open("wb") as dst:
                    shutil.copyfileobj(src, dst, CHUNK)
                latest = max(latest, int(member.mtime))
            commit = str((tf.pax_headers or {}).get("comment", "")).strip()
    except (tarfile.TarError, EOFError, OSError) as exc:
        if isinstance(exc, ReferenceDataError):
            raise
        raise ReferenceDataError(f"{label}: the archive is incomplete or corrupt ({exc}); try again; nothing "
                                 f"was installed", code="E-REFDATA-PARTIAL") from None
    date = dt.datetime.fromtimestamp(latest, dt.UTC).date().isoformat() if latest else ""
    return {"commit": commit if len(commit) == 40 else "", "date": date}


def find_root(folder: Path) -> Path:
    """The folder holding ``historian/``, ``factbook/``, ``agreements/`` or ``wikidata/``: the
    given one or its single subfolder (an archive of the whole tree)."""
    markers = ("historian", "factbook", "agreements", "wikidata")
    if any((folder / m).is_dir() for m in markers):
        return folder
    children = [c for c in folder.iterdir() if c.is_dir()] if folder.is_dir() else []
    if len(children) == 1 and any((children[0] / m).is_dir() for m in markers):
        return children[0]
    raise ReferenceDataError(f"{folder} holds none of historian/, factbook/, agreements/, wikidata/: pass --from "
                             f"the folder laid out like ../shared/reference (or an archive of it)",
                             code="E-REFDATA-MISSING")


def available(root: Path) -> list[str]:
    """The builders whose raw folder exists under ``root``, in build order."""
    order = [*BUILDERS, *OPTIONAL_BUILDERS]
    return [n for n in order if (root / RAW_FOLDERS[n]).is_dir()]


# -- fetching every source -------------------------------------------------------------------

def fetch_historian(name: str, url: str, raw: Path, downloads: Path, *, progress: Progress | None,
                    timeout: float, max_bytes: int) -> Fetched:
    archive = downloads / f"{name}.archive"
    size = download(url, archive, label=name, progress=progress, timeout=timeout, max_bytes=max_bytes)
    folder = raw / "historian" / name
    meta = unpack(archive, folder, label=name)
    archive.unlink(missing_ok=True)
    missing = [e for e in EXPECTED.get(name, ()) if not (folder / e).is_dir() or not any((folder / e).iterdir())]
    if missing:
        raise ReferenceDataError(f"{name}: the archive from {_host(url)} has no {', '.join(missing)} folder (or an "
                                 f"empty one): the "
                                 f"upstream repository changed shape; the builder must be updated; nothing "
                                 f"was installed", code="E-REFDATA-SCHEMA")
    return Fetched(name, url, size, meta["commit"], meta["date"])


def fetch_wikidata(endpoint: str, raw: Path, *, progress: Progress | None, timeout: float,
                   max_bytes: int) -> Fetched:
    folder = raw / "wikidata"
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for name in wikidata.QUERIES:
        query = urllib.parse.urlencode({"query": wikidata.query_text(name), "format": "json"})
        url = f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
        path = folder / f"{name}.json"
        total += download(url, path, label=f"wikidata {name}", progress=progress, timeout=timeout,
                          max_bytes=max_bytes, headers={"Accept": "application/sparql-results+json"})
        # the format and the variables are checked now: a changed endpoint stops the pull here
        wikidata.parse_results(path.read_bytes(), label=f"answer to {name} from {_host(endpoint)}")
    fetched = datadir.now_iso()
    version = {"endpoint": endpoint, "fetched": fetched,
               "queries": {n: wikidata.query_digest(n) for n in wikidata.QUERIES}}
    (folder / "VERSION").write_text(json.dumps(version, indent=2) + "\n", encoding="utf-8")
    return Fetched("wikidata", endpoint, total, "", fetched[:10])


def _write_versions(raw: Path, fetched: dict[str, Fetched]) -> None:
    lines = [f"HistoryAtState+{f.source} {f.commit or 'unknown'} {f.date or dt.date.today().isoformat()}"
             for f in fetched.values() if f.source in HISTORIAN_REPOS]
    if lines:
        (raw / "historian").mkdir(parents=True, exist_ok=True)
        (raw / "historian" / "VERSIONS").write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- the whole pull --------------------------------------------------------------------------

def _check_result(report: BuildReport, previous: dict[str, Any], force: bool) -> None:
    """The builder's own sanity checks, against the active set: a rebuilt source that lost most
    of its rows or could not read many files means the upstream changed shape."""
    problems = []
    for name, res in report.results.items():
        rows = report.manifest["sources"][name]["rows"]
        before = int(previous.get(name, {}).get("rows", 0) or 0)
        if rows == 0:
            problems.append(f"{name} produced no rows")
        elif before and rows < MIN_ROW_SHARE * before:
            problems.append(f"{name} produced {rows} rows, fewer than half of the active set's {before}")
        allowed = max(int(previous.get(name, {}).get("malformed", 0) or 0), MAX_MALFORMED_SHARE * res.files)
        if res.files and len(res.malformed) > allowed:
            problems.append(f"{name}: {len(res.malformed)} of {res.files} files malformed "
                            f"(first: {res.malformed[0]})")
    if problems and not force:
        raise ReferenceDataError("the new tables fail their sanity checks: " + "; ".join(problems)
                                 + ": the upstream may have changed shape; nothing was installed "
                                   "(--force installs them anyway)", code="E-REFDATA-SCHEMA")


def pull(*, source: Path | str | None = None, data_dir: Path | str | None = None,
         only: list[str] | None = None, urls: dict[str, str] | None = None,
         endpoint: str | None = None, progress: Progress | None = None, timeout: float = 60.0,
         max_bytes: int = MAX_DOWNLOAD, force: bool = False) -> PullReport:
    """Fetch (or read ``source``), verify, build and activate a new reference set."""
    started = time.perf_counter()
    names = list(only) if only else None
    known = set(BUILDERS) | set(OPTIONAL_BUILDERS)
    if names:
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ReferenceDataError(f"unknown reference source(s): {', '.join(unknown)}; known: "
                                     f"{', '.join(sorted(known))}", code="E-REFDATA-USAGE")
    with datadir.locked(data_dir):
        root_dir = datadir.reference_root(data_dir)
        work = root_dir / "work"
        shutil.rmtree(work, ignore_errors=True)  # leftovers of an interrupted pull
        raw = work / "raw"
        raw.mkdir(parents=True)
        set_name = datadir.new_set_name()
        target = datadir.set_path(set_name, data_dir)
        try:
            fetched: dict[str, Fetched] = {}
            if source is not None:
                path = Path(source).expanduser()
                if path.is_dir():
                    root = find_root(path)
                elif path.is_file():
                    unpack(path, raw, label=path.name, strip=False)
                    root = find_root(raw)
                else:
                    raise ReferenceDataError(f"--from {path}: no such folder or archive", code="E-REFDATA-MISSING")
                present = available(root)
                wanted = [n for n in present if not names or n in names]
                absent = [n for n in (names or []) if n not in present]
                if absent:
                    raise ReferenceDataError(f"--from {path} has no raw data for {', '.join(absent)} (expected "
                                             f"{', '.join(RAW_FOLDERS[n] + '/' for n in absent)})",
                                             code="E-REFDATA-MISSING")
                for name in wanted:
                    fetched[name] = Fetched(name, str(path))
            else:
                root = raw
                wanted = list(names or PULLABLE)
                refused = [n for n in wanted if n in NOT_PULLED]
                if refused:
                    raise ReferenceDataError("; ".join(f"{n}: {NOT_PULLED[n]}" for n in refused),
                                             code="E-REFDATA-USAGE")
                fetch = list(wanted)
                if any(n in NEEDS_GSH for n in fetch) and "gsh" not in fetch:
                    fetch.append("gsh")  # rdcr, pocom and visits map HistoryAtState ids through gsh
                downloads = work / "downloads"
                downloads.mkdir()
                for name in fetch:
                    if name == "wikidata":
                        fetched[name] = fetch_wikidata(endpoint or DEFAULT_ENDPOINT, raw, progress=progress,
                                                       timeout=timeout, max_bytes=max_bytes)
                    else:
                        url = (urls or {}).get(name) or DEFAULT_URL.format(name=name)
                        fetched[name] = fetch_historian(name, url, raw, downloads, progress=progress,
                                                        timeout=timeout, max_bytes=max_bytes)
                _write_versions(raw, fetched)
                wanted = [n for n in [*BUILDERS, *OPTIONAL_BUILDERS] if n in fetch]
            active = datadir.active_tables(data_dir)
            previous_manifest = _manifest(active)
            # start from the active set: sources not rebuilt now keep their tables
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(active, target)
            step = (lambda name, done, total: progress("build", name, done, total)) if progress else None
            try:
                report = build(root, target, only=wanted, progress=step, budget=PULL_BUDGET)
            except ReferenceDataError as exc:
                if exc.code == "E-REFDATA-MISSING" and source is None:
                    raise ReferenceDataError(f"{exc.message.split(':')[0]}: the fetched data lacks it — the upstream "
                                             f"changed shape; nothing was installed", code="E-REFDATA-SCHEMA") from None
                raise
            _check_result(report, previous_manifest.get("sources", {}), force)
            stamp = datadir.now_iso()
            manifest = report.manifest
            for name in report.results:
                entry = manifest["sources"][name]
                if source is None:  # from a folder, the data is as old as its upstream date
                    entry["fetched"] = stamp
                entry["origin"] = fetched[name].origin if name in fetched else str(source)
            manifest["pulled"] = stamp
            _write_manifest(target, manifest)
            conflicts = _conflicts(target) if "wikidata" in manifest["sources"] else []
            if "wikidata" in manifest["sources"]:  # recomputed: the other sources may have changed
                manifest["sources"]["wikidata"].pop("conflicts", None)
                if conflicts:
                    manifest["sources"]["wikidata"]["conflicts"] = conflicts
                _write_manifest(target, manifest)
            state = datadir.activate(set_name, data_dir)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
    carried = sorted(n for n in manifest["sources"] if n not in report.results)
    if progress:
        progress("done", "", 1, 1)
    return PullReport(set_name, target, state.previous, report, fetched, carried,
                      time.perf_counter() - started, conflicts)


def _write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")


def _manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _conflicts(folder: Path) -> list[str]:
    """Where Wikidata and the other sources name different holders on the last day they all
    cover: listed, not resolved (both facts stay in the tables)."""
    from .conflicts import holder_conflicts

    return holder_conflicts(folder)

