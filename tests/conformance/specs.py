"""Finds the unified CRUD specification test files: the shared copy beside the repository, then the
copies shipped in pinned pymongo source distributions, fetched from PyPI at test time into `.cache/`.

The downloaded JSON is never committed: each sdist is pinned by version and sha256, and a download or
checksum failure raises (the run fails) rather than quietly running fewer files."""
import hashlib
import os
import subprocess
import sys
import tarfile
from dataclasses import dataclass

from bson import json_util
from bson.json_util import JSONOptions

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED_DIR = os.path.join(REPO, "..", "shared", "mongo-specs", "crud")
CACHE_DIR = os.path.join(REPO, ".cache", "mongo-specs")

# Newest first: a file name present in several sources is taken from the first that has it. 4.20.1
# carries the current specification; 4.10.1 adds the files the specification has since retired.
SDISTS = [
    ("pymongo", "4.20.1", "1ac112b3ffa3d010cfc2fc54e3ae677a12c63d18c6115db4451df64f1a1175eb"),
    ("pymongo", "4.10.1", "a9de02be53b6bb98efe0b9eda84ffa1ec027fcb23a2de62c4f941d9a2f2f3330"),
]
SDIST_SPEC_DIR = "test/crud/unified/"

# Test files are Extended JSON (relaxed and canonical); naive datetimes, like the clients decode.
JSON_OPTIONS = JSONOptions(tz_aware=False)


@dataclass
class SpecFile:
    name: str    # file name, e.g. "updateOne-hint.json"
    source: str  # "shared" or "pymongo-4.20.1"
    doc: dict    # the parsed test file


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_sdist(project, version, sha256):
    """Returns the path of the cached sdist, downloading it with pip when absent or corrupt."""
    os.makedirs(CACHE_DIR, exist_ok=True)
    path = os.path.join(CACHE_DIR, f"{project}-{version}.tar.gz")
    if os.path.exists(path) and _sha256(path) == sha256:
        return path
    if os.path.exists(path):
        os.remove(path)
    # pip is the registry's own client; --no-binary forces the sdist, the only artefact with tests.
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
               "--no-deps", "--no-binary", ":all:", "--dest", CACHE_DIR, f"{project}=={version}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not os.path.exists(path):
        raise RuntimeError(f"could not download {project}=={version} from PyPI "
                           f"(exit {done.returncode}): {done.stderr.strip()[-800:]}")
    actual = _sha256(path)
    if actual != sha256:
        os.remove(path)
        raise RuntimeError(f"{project}-{version}.tar.gz has sha256 {actual}, pinned {sha256}")
    return path


def _load(name, source, text):
    return SpecFile(name, source, json_util.loads(text, json_options=JSON_OPTIONS))


def shared_files():
    if not os.path.isdir(SHARED_DIR):
        raise RuntimeError(f"shared specification tests not found at {os.path.normpath(SHARED_DIR)}")
    files = []
    for name in sorted(os.listdir(SHARED_DIR)):
        if name.endswith(".json"):
            with open(os.path.join(SHARED_DIR, name), encoding="utf-8") as f:
                files.append(_load(name, "shared", f.read()))
    return files


def sdist_files(project, version, sha256, folder=SDIST_SPEC_DIR):
    files = []
    with tarfile.open(fetch_sdist(project, version, sha256)) as tar:
        for member in tar.getmembers():
            prefix = f"{project}-{version}/{folder}"
            name = member.name[len(prefix):]
            if member.isfile() and member.name.startswith(prefix) and name.endswith(".json") and "/" not in name:
                text = tar.extractfile(member).read().decode("utf-8")
                files.append(_load(name, f"{project}-{version}", text))
    if not files:
        raise RuntimeError(f"{project}-{version} holds no {folder}*.json")
    return files


def all_files():
    """Every known file once, in name order; the shared copy wins, then the newest sdist."""
    chosen = {}
    for spec in shared_files():
        chosen[spec.name] = spec
    for project, version, sha256 in SDISTS:
        for spec in sdist_files(project, version, sha256):
            chosen.setdefault(spec.name, spec)
    return [chosen[name] for name in sorted(chosen)]


if __name__ == "__main__":
    for spec in all_files():
        print(f"{spec.source:16} {spec.name} ({len(spec.doc['tests'])} tests)")
