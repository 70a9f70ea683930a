"""What one build knows about itself, kept in its settings (signals are global, builds are not).

Pelican's signals are shared by every build in a process (tests build many
sites), so each receiver first asks `active` whether its plugin is enabled
for *this* build, and keeps its data in this build's own `BuildState`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from thidua.domain.fields import ContentFields
from thidua.domain.report import BuildReport

STATE_KEY = "THIDUA_BUILD"
CHECK_ONLY = "THIDUA_CHECK_ONLY"  # set by `make check`: read and enrich, write nothing


@dataclass
class BuildState:
    owner: object = None  # the Pelican instance of this build
    plugins: set[str] = field(default_factory=set)  # our plugins enabled in this build
    report: BuildReport = field(default_factory=BuildReport)
    # Every file the reader read (source path -> fields), even those Pelican then skips.
    sources: dict[str, ContentFields] = field(default_factory=dict)
    # Planned by the gallery during enrichment, published after the pages.
    gallery_plan: object = None
    gallery_cache: object = None
    search_records: list = field(default_factory=list)  # indexed after the pages are written
    # The digest of the registry's files as read (`ReaderCache.registry_key`), when the
    # registry is known to be made of exactly them: page digests then need not describe it.
    registry_inputs: bytes | None = None

    def register(self, source_path: str, fields: ContentFields) -> None:
        self.sources[source_path] = fields


def state_of(settings: dict) -> BuildState:
    if STATE_KEY not in settings:
        settings[STATE_KEY] = BuildState()
    return settings[STATE_KEY]


def start(pelican, plugin: str, register_function) -> bool:
    """Mark `plugin` enabled for this build if its register() is among the build's plugins."""
    enabled = any(getattr(p, "register", None) is register_function for p in pelican.plugins)
    state = pelican.settings.get(STATE_KEY)
    if state is None or state.owner is not pelican:  # a settings dict may be reused
        pelican.settings[STATE_KEY] = BuildState(owner=pelican)
    if enabled:
        state_of(pelican.settings).plugins.add(plugin)
    return enabled


def active(settings: dict, plugin: str) -> bool:
    state = settings.get(STATE_KEY)
    return state is not None and plugin in state.plugins


def check_only(settings: dict) -> bool:
    return bool(settings.get(CHECK_ONLY))
