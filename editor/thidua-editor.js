/* Thi đua – Khen thưởng: what our editor adds to Decap CMS.
 *
 * Loaded as a module after decap-cms.js (index.html sets CMS_MANUAL_INIT),
 * it registers, then starts the CMS:
 *
 * - widgets that know the registry (embedded in config.yml by
 *   thidua/editor/config.py): the date typed day first, the emulation year
 *   among the cluster's years, the units among the cluster's members that
 *   year, the cover among the article's photos, a summary with its length,
 *   and a check of a cluster's yearly terms;
 * - validation before saving, in Vietnamese: a unit that is not a member of
 *   the cluster that year, a year the cluster has no term for, an unreadable
 *   or impossible date, head/deputy not among the members;
 * - previews of an article and of a cluster with the site's own CSS;
 * - the format of content/units.yml: a top-level YAML list whose comments
 *   survive an edit.
 *
 * No build step: React elements through Decap's global `h` and `createClass`.
 */

import { Document, isMap, isScalar, isSeq, parseDocument, visit } from "../vendor/yaml/index.js";

const CMS = window.CMS;
const h = window.h;
const createClass = window.createClass;

/* -- Small helpers ------------------------------------------------------ */

const toJS = (value) => (value && typeof value.toJS === "function" ? value.toJS() : value);

function entryData(props) {
  const entry = typeof props.getEntry === "function" ? props.getEntry() : props.entry;
  return entry ? entry.get("data") : null;
}

function dataGet(data, name) {
  return data ? toJS(data.get(name)) : undefined;
}

const registryCache = new WeakMap();
/** The registry a field carries (`registry:` in config.yml), as plain objects. */
function registryOf(field) {
  if (!field) return { clusters: {}, units: {} };
  if (!registryCache.has(field)) {
    registryCache.set(field, toJS(field.get("registry")) || { clusters: {}, units: {} });
  }
  return registryCache.get(field);
}

/** The registry of a collection: carried by its `units`, `year` or check field. */
function collectionRegistry(collection) {
  const fields = collection ? collection.get("fields") : null;
  const field = fields && fields.find((f) => f.get("registry"));
  return registryOf(field);
}

function unitName(registry, slug) {
  const unit = registry.units[slug];
  return unit ? unit.short_name || unit.name : slug;
}

function roleLabel(cluster, term, slug) {
  if (!term) return "";
  const kind = cluster.kind_label || "Cụm";
  if (term.head === slug) return `${kind} trưởng`;
  if (term.deputy === slug) return `${kind} phó`;
  return "";
}

function clusterOfUnit(registry, slug, year) {
  for (const [clusterSlug, info] of Object.entries(registry.clusters)) {
    const term = info.terms[String(year)];
    if (term && term.members.includes(slug)) return clusterSlug;
  }
  return null;
}

/** Redraw `control` when the fields it depends on change elsewhere in the form.
 *
 * Decap re-renders a widget only when its own value changes (getEntry() is
 * the live entry), so a widget that follows other fields watches them. */
function watchEntry(control, names) {
  const signature = () => {
    const data = entryData(control.props);
    return JSON.stringify(names.map((name) => dataGet(data, name) ?? null));
  };
  let last = signature();
  control.watcher = setInterval(() => {
    const now = signature();
    if (now !== last) {
      last = now;
      control.forceUpdate();
    }
  }, 200);
}

function unwatchEntry(control) {
  clearInterval(control.watcher);
}

/** An empty Immutable List, without importing Immutable: Decap keeps list values as Lists. */
function emptyList(field) {
  return field.toList().clear();
}

/* -- Dates, read the way the portal reads them (thidua/domain/dates.py) ---- */

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DAY_FIRST =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:(?:\s*,\s*|\s+)(\d{1,2})(?::|[hH])(\d{2}))?$/;
const TIME_FIRST = /^(\d{1,2})(?::|[hH])(\d{2})(?:\s*,\s*|\s+)(\d{1,2})([/.-])(\d{1,2})\5(\d{4})$/;
const DATE_HELP = "hãy viết ngày trước tháng, năm đủ 4 chữ số, ví dụ 27/05/2024, giờ 09:00";

const pad = (n) => String(n).padStart(2, "0");

/** {year, month, day, hour, minute, hasTime} or {error} for an author's date text. */
function parseDate(text) {
  const raw = String(text == null ? "" : text).trim();
  if (!raw) return { error: "chưa có ngày" };
  let m = raw.match(ISO_DATE);
  let parts;
  if (m) parts = [m[1], m[2], m[3], m[4], m[5]];
  else if ((m = raw.match(DAY_FIRST))) parts = [m[4], m[3], m[1], m[5], m[6]];
  else if ((m = raw.match(TIME_FIRST))) parts = [m[6], m[5], m[3], m[1], m[2]];
  else return { error: `không đọc được '${raw}'; ${DATE_HELP}` };
  const [year, month, day] = parts.slice(0, 3).map(Number);
  const hasTime = parts[3] !== undefined;
  const hour = hasTime ? Number(parts[3]) : 0;
  const minute = hasTime ? Number(parts[4]) : 0;
  if (year < 1900 || year > 2100) return { error: `năm ${year} nằm ngoài khoảng 1900–2100` };
  if (month < 1 || month > 12) return { error: `không có tháng ${month} (tháng từ 1 đến 12)` };
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) {
    return { error: `tháng ${month} năm ${year} không có ngày ${day} (tháng này có ${days} ngày)` };
  }
  if (hour > 23 || minute > 59) {
    return { error: `không có giờ ${pad(hour)}:${pad(minute)} (giờ từ 00:00 đến 23:59)` };
  }
  return { year, month, day, hour, minute, hasTime };
}

/** What the editor writes: ISO 'YYYY-MM-DD HH:MM', which the reader accepts. */
function isoText(d) {
  const date = `${d.year}-${pad(d.month)}-${pad(d.day)}`;
  return d.hasTime ? `${date} ${pad(d.hour)}:${pad(d.minute)}` : date;
}

function yearOfDate(value) {
  const parsed = parseDate(value);
  return parsed.error ? null : parsed.year;
}

/** The emulation year of an article: `year`, else the year of its date. */
function emulationYear(data) {
  const year = dataGet(data, "year");
  if (year !== undefined && year !== null && String(year).trim() !== "") return Number(year);
  return yearOfDate(dataGet(data, "date"));
}

/* -- Widget: the date, typed day first -------------------------------------- */

const DateControl = createClass({
  getInitialState() {
    return this.textsFrom(this.props.value);
  },
  textsFrom(value) {
    const parsed = parseDate(value);
    if (!value) return { day: "", time: "", emitted: value };
    if (parsed.error) return { day: String(value), time: "", emitted: value };
    return {
      day: `${pad(parsed.day)}/${pad(parsed.month)}/${parsed.year}`,
      time: parsed.hasTime ? `${pad(parsed.hour)}:${pad(parsed.minute)}` : "",
      emitted: value,
    };
  },
  componentDidUpdate(prevProps) {
    if (this.props.value !== prevProps.value && this.props.value !== this.state.emitted) {
      this.setState(this.textsFrom(this.props.value));
    }
  },
  emit(day, time) {
    const text = `${day.trim()} ${time.trim()}`.trim();
    const parsed = parseDate(text);
    const value = text === "" ? "" : parsed.error ? text : isoText(parsed);
    this.setState({ day, time, emitted: value });
    this.props.onChange(value);
  },
  now() {
    const d = new Date();
    const day = `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
    const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    this.emit(day, time);
  },
  isValid() {
    const value = this.props.value;
    if (!value) return true;
    const parsed = parseDate(value);
    if (parsed.error) return { error: { message: `Ngày đăng: ${parsed.error}.` } };
    return true;
  },
  render() {
    const { forID, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
    const hintId = `${forID}-goi-y`;
    return h(
      "div",
      { className: `${classNameWrapper} thidua-date` },
      h(
        "span",
        { className: "thidua-date__part" },
        h("input", {
          id: forID,
          type: "text",
          inputMode: "numeric",
          autoComplete: "off",
          placeholder: "27/05/2024",
          "aria-describedby": hintId,
          value: this.state.day,
          onChange: (ev) => this.emit(ev.target.value, this.state.time),
          onFocus: setActiveStyle,
          onBlur: setInactiveStyle,
          size: 12,
        }),
      ),
      h(
        "label",
        { className: "thidua-date__part" },
        h("span", { className: "thidua-date__label" }, "Giờ"),
        h("input", {
          id: `${forID}-gio`,
          type: "text",
          inputMode: "numeric",
          autoComplete: "off",
          placeholder: "09:00",
          value: this.state.time,
          onChange: (ev) => this.emit(this.state.day, ev.target.value),
          onFocus: setActiveStyle,
          onBlur: setInactiveStyle,
          size: 6,
        }),
      ),
      h("button", { type: "button", className: "thidua-button", onClick: this.now }, "Bây giờ"),
      h("span", { id: hintId, className: "thidua-hint" }, "ngày/tháng/năm"),
    );
  },
});

const DatePreview = createClass({
  render() {
    const parsed = parseDate(this.props.value);
    if (parsed.error) return h("span", null, String(this.props.value || ""));
    return h("span", null, `${pad(parsed.day)}/${pad(parsed.month)}/${parsed.year}`);
  },
});

/* -- Widget: the emulation year, among the cluster's years ------------------ */

function termProblem(registry, data) {
  const clusterSlug = dataGet(data, "cluster");
  const cluster = clusterSlug && registry.clusters[clusterSlug];
  const year = emulationYear(data);
  if (!cluster || !year) return null;
  if (cluster.terms[String(year)]) return null;
  const years = Object.keys(cluster.terms).sort().join(", ") || "chưa có năm nào";
  const given = dataGet(data, "year") ? "" : " (năm của ngày đăng)";
  return (
    `${cluster.label} không có danh sách thành viên năm ${year}${given}; ` +
    `các năm đã có: ${years}. Chọn năm khác, hoặc thêm năm ${year} ` +
    `cho cụm này trong mục "Cụm, khối thi đua".`
  );
}

const YearControl = createClass({
  componentDidMount() {
    watchEntry(this, ["cluster", "date"]); // the choices follow the cluster and the date
  },
  componentWillUnmount() {
    unwatchEntry(this);
  },
  componentDidUpdate() {
    revalidate(this, termProblem(collectionRegistry(this.props.collection), entryData(this.props)));
  },
  isValid() {
    const problem = termProblem(collectionRegistry(this.props.collection), entryData(this.props));
    return problem ? { error: { message: problem } } : true;
  },
  render() {
    const { forID, classNameWrapper, setActiveStyle, setInactiveStyle, onChange } = this.props;
    const registry = collectionRegistry(this.props.collection);
    const data = entryData(this.props);
    const cluster = registry.clusters[dataGet(data, "cluster")];
    const years = cluster ? Object.keys(cluster.terms).sort().reverse() : [];
    const value =
      this.props.value === undefined || this.props.value === null ? "" : String(this.props.value);
    if (value && !years.includes(value)) years.unshift(value);
    const dateYear = yearOfDate(dataGet(data, "date"));
    const options = [
      h("option", { key: "", value: "" }, dateYear ? `Theo ngày đăng (${dateYear})` : "Theo ngày đăng"),
      ...years.map((year) => h("option", { key: year, value: year }, year)),
    ];
    return h(
      "select",
      {
        id: forID,
        className: classNameWrapper,
        value,
        onChange: (ev) => onChange(ev.target.value ? Number(ev.target.value) : ""),
        onFocus: setActiveStyle,
        onBlur: setInactiveStyle,
      },
      options,
    );
  },
});

/** Run Decap's validation again when what a widget would say has changed. */
function revalidate(control, problem) {
  const key = problem || "";
  if (control.lastProblem === undefined) {
    control.lastProblem = key;
    return;
  }
  if (key !== control.lastProblem) {
    control.lastProblem = key;
    if (typeof control.props.validate === "function") control.props.validate();
  }
}

/* -- Widget: the units taking part, among the cluster's members that year --- */

function unitsProblems(registry, data, units) {
  const clusterSlug = dataGet(data, "cluster");
  const cluster = clusterSlug && registry.clusters[clusterSlug];
  const year = emulationYear(data);
  if (!units.length || !cluster || !year) return [];
  const term = cluster.terms[String(year)];
  if (!term) return []; // the year field says so
  const problems = [];
  for (const slug of units) {
    if (!registry.units[slug]) {
      problems.push(`Đơn vị '${slug}' không có trong danh sách đơn vị.`);
    } else if (!term.members.includes(slug)) {
      const other = clusterOfUnit(registry, slug, year);
      const where = other ? ` (năm ${year} đơn vị này thuộc ${registry.clusters[other].label})` : "";
      problems.push(
        `${unitName(registry, slug)} không phải thành viên của ${cluster.label} năm ${year}` +
          `${where}. Bỏ chọn đơn vị này, hoặc đổi cụm, năm thi đua.`,
      );
    }
  }
  return problems;
}

const UnitsControl = createClass({
  componentDidMount() {
    watchEntry(this, ["cluster", "year", "date"]); // the members follow them
  },
  componentWillUnmount() {
    unwatchEntry(this);
  },
  units() {
    return (toJS(this.props.value) || []).map(String);
  },
  problems() {
    return unitsProblems(registryOf(this.props.field), entryData(this.props), this.units());
  },
  componentDidUpdate() {
    revalidate(this, this.problems().join("\n"));
  },
  isValid() {
    const problems = this.problems();
    return problems.length ? { error: { message: problems.join(" ") } } : true;
  },
  set(units) {
    this.props.onChange(emptyList(this.props.field).push(...units));
  },
  toggle(slug, checked) {
    const units = this.units().filter((u) => u !== slug);
    this.set(checked ? [...units, slug] : units);
  },
  render() {
    const { forID, classNameWrapper } = this.props;
    const registry = registryOf(this.props.field);
    const data = entryData(this.props);
    const clusterSlug = dataGet(data, "cluster");
    const cluster = clusterSlug && registry.clusters[clusterSlug];
    const year = emulationYear(data);
    const note = (text) =>
      h("div", { id: forID, className: `${classNameWrapper} thidua-note`, role: "group" }, text);
    if (!cluster) return note("Chọn cụm, khối thi đua ở trên để thấy các đơn vị thành viên.");
    if (!year) return note("Nhập ngày đăng hoặc năm thi đua để thấy các đơn vị thành viên.");
    const term = cluster.terms[String(year)];
    if (!term) return note(`${cluster.label} chưa có danh sách thành viên năm ${year}.`);
    const units = this.units();
    const strangers = units.filter((slug) => !term.members.includes(slug));
    const box = (slug, label, checked, onChange, extra) =>
      h(
        "li",
        { key: slug, className: extra ? "thidua-units__item thidua-units__item--sai" : "thidua-units__item" },
        h("input", { type: "checkbox", id: `${forID}-${slug}`, checked, onChange }),
        h("label", { htmlFor: `${forID}-${slug}` }, label, extra ? h("strong", null, ` — ${extra}`) : null),
      );
    return h(
      "div",
      { id: forID, className: `${classNameWrapper} thidua-units`, role: "group" },
      h(
        "ul",
        { className: "thidua-units__list" },
        box("tat-ca", `Tất cả thành viên năm ${year} (${term.members.length} đơn vị)`, units.length === 0, (ev) => {
          if (ev.target.checked) this.set([]);
        }),
        ...term.members.map((slug) => {
          const role = roleLabel(cluster, term, slug);
          const label = role ? `${unitName(registry, slug)} (${role})` : unitName(registry, slug);
          return box(slug, label, units.includes(slug), (ev) => this.toggle(slug, ev.target.checked));
        }),
        ...strangers.map((slug) =>
          box(slug, unitName(registry, slug), true, (ev) => this.toggle(slug, ev.target.checked), `không thuộc cụm năm ${year}`),
        ),
      ),
    );
  },
});

const UnitsPreview = createClass({
  render() {
    const registry = registryOf(this.props.field);
    const units = toJS(this.props.value) || [];
    return h("span", null, units.map((slug) => unitName(registry, slug)).join(", "));
  },
});

/* -- Widget: the cover, among the article's photos -------------------------- */

const CoverControl = createClass({
  componentDidMount() {
    watchEntry(this, ["photos"]); // the choices follow the photos
  },
  componentWillUnmount() {
    unwatchEntry(this);
  },
  render() {
    const { forID, classNameWrapper, setActiveStyle, setInactiveStyle, onChange } = this.props;
    const photos = (dataGet(entryData(this.props), "photos") || []).filter((p) => p && p.file);
    const value = this.props.value || "";
    const files = photos.map((p) => p.file);
    const options = [h("option", { key: "", value: "" }, "Ảnh đầu tiên")];
    photos.forEach((p) => {
      options.push(h("option", { key: p.file, value: p.file }, p.caption ? `${p.file} – ${p.caption}` : p.file));
    });
    if (value && !files.includes(value)) options.push(h("option", { key: value, value }, value));
    return h(
      "select",
      {
        id: forID,
        className: classNameWrapper,
        value,
        onChange: (ev) => onChange(ev.target.value),
        onFocus: setActiveStyle,
        onBlur: setInactiveStyle,
      },
      options,
    );
  },
});

/* -- Widget: the summary, with its length ----------------------------------- */

const SummaryControl = createClass({
  render() {
    const { forID, classNameWrapper, setActiveStyle, setInactiveStyle, onChange, field } = this.props;
    const max = field.get("max") || 600;
    const value = this.props.value || "";
    const over = value.length > max;
    return h(
      "div",
      { className: "thidua-summary" },
      h("textarea", {
        id: forID,
        className: classNameWrapper,
        rows: 3,
        value,
        "aria-describedby": `${forID}-dem`,
        onChange: (ev) => onChange(ev.target.value),
        onFocus: setActiveStyle,
        onBlur: setInactiveStyle,
      }),
      h(
        "p",
        { id: `${forID}-dem`, className: over ? "thidua-count thidua-count--qua" : "thidua-count", "aria-live": "polite" },
        over ? `${value.length}/${max} ký tự: dài quá ${value.length - max} ký tự` : `${value.length}/${max} ký tự`,
      ),
    );
  },
});

/* -- Widget: the check of a cluster's yearly terms -------------------------- */

function slugify(text) {
  return String(text || "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** [blocking problems, notes] of a cluster being edited, in Vietnamese. */
function clusterProblems(registry, data) {
  const problems = [];
  const notes = [];
  const name = dataGet(data, "name") || "";
  const slug = dataGet(data, "slug") || slugify(`${name} ${dataGet(data, "agency") || ""}`);
  const terms = dataGet(data, "terms") || [];
  const seen = new Set();
  terms.forEach((term, index) => {
    const year = term && term.year;
    const where = year ? `Năm ${year}` : `Năm thứ ${index + 1}`;
    if (!year) return; // the year field says it is missing
    if (seen.has(String(year))) problems.push(`${where} được nhập hai lần.`);
    seen.add(String(year));
    const members = (term.members || []).map(String);
    if (!members.length) problems.push(`${where}: chưa chọn đơn vị thành viên nào.`);
    for (const [role, label] of [["head", "cụm trưởng, khối trưởng"], ["deputy", "cụm phó, khối phó"]]) {
      const unit = term[role];
      if (unit && !members.includes(unit)) {
        problems.push(`${where}: ${label} ${unitName(registry, unit)} không có trong danh sách thành viên.`);
      }
    }
    if (term.head && term.head === term.deputy) {
      problems.push(`${where}: một đơn vị không thể vừa là cụm trưởng vừa là cụm phó.`);
    }
    if (!term.head) notes.push(`${where}: chưa chọn cụm trưởng, khối trưởng.`);
    for (const unit of members) {
      const other = clusterOfUnit(registry, unit, year);
      if (other && other !== slug) {
        notes.push(
          `${where}: ${unitName(registry, unit)} cũng đang là thành viên của ${registry.clusters[other].label}; ` +
            `mỗi năm một đơn vị chỉ thuộc một cụm, khối (sửa cả cụm kia).`,
        );
      }
    }
  });
  return [problems, notes];
}

const ClusterCheckControl = createClass({
  componentDidMount() {
    watchEntry(this, ["slug", "name", "agency", "terms"]);
  },
  componentWillUnmount() {
    unwatchEntry(this);
  },
  problems() {
    return clusterProblems(registryOf(this.props.field), entryData(this.props));
  },
  componentDidUpdate() {
    revalidate(this, this.problems()[0].join("\n"));
  },
  isValid() {
    const [problems] = this.problems();
    return problems.length ? { error: { message: problems.join(" ") } } : true;
  },
  render() {
    const [problems, notes] = this.problems();
    const items = [...problems.map((p) => ["loi", p]), ...notes.map((n) => ["luu-y", n])];
    return h(
      "div",
      { id: this.props.forID, className: `${this.props.classNameWrapper} thidua-check`, role: "status" },
      items.length
        ? h(
            "ul",
            null,
            items.map(([kind, text], i) =>
              h("li", { key: i, className: `thidua-check__${kind}` }, kind === "loi" ? "Lỗi: " : "Lưu ý: ", text),
            ),
          )
        : "Không thấy lỗi: các năm, thành viên, cụm trưởng và cụm phó khớp nhau.",
    );
  },
});

/* -- Previews with the site's own CSS ---------------------------------------- */

const WEEKDAYS = ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"];

function vnDateTime(value) {
  const d = parseDate(value);
  if (d.error) return String(value || "");
  const weekday = WEEKDAYS[new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()];
  const date = `${weekday}, ${pad(d.day)}/${pad(d.month)}/${d.year}`;
  return d.hasTime ? `${date}, ${pad(d.hour)}:${pad(d.minute)}` : date;
}

function setFrameDocument(props, title) {
  const doc = props.document;
  if (!doc) return;
  doc.documentElement.lang = "vi";
  doc.title = title;
}

function findField(fields, path) {
  let current = fields;
  let field = null;
  for (const name of path) {
    field = current && current.find((f) => f.get("name") === name);
    current = field && field.get("fields");
  }
  return field;
}

function assetUrl(props, file, field) {
  if (!file) return "";
  const asset = props.getAsset(file, field);
  return asset ? String(asset) : "";
}

const ArticlePreview = createClass({
  componentDidMount() {
    setFrameDocument(this.props, this.title());
  },
  componentDidUpdate() {
    setFrameDocument(this.props, this.title());
  },
  title() {
    return `Xem trước: ${dataGet(this.props.entry.get("data"), "title") || "bài viết mới"}`;
  },
  render() {
    const { entry, collection, fields } = this.props;
    const data = entry.get("data");
    const get = (name) => dataGet(data, name);
    const registry = collectionRegistry(collection);
    const cluster = registry.clusters[get("cluster")];
    const year = emulationYear(data);
    const term = cluster && year ? cluster.terms[String(year)] : null;
    const eventField = findField(fields, ["event"]);
    const eventOption = eventField && toJS(eventField.get("options")).find((o) => o.value === get("event"));
    const listed = (get("units") || []).map(String);
    const units = listed.length ? listed : term ? term.members : [];
    const photos = (get("photos") || []).filter((p) => p && p.file);
    const fileField = findField(fields, ["photos", "file"]);
    const byline = [get("author"), get("author_unit")].filter(Boolean).join(" – ");
    const tags = get("tags") || [];

    const meta = [];
    const metaRow = (term, value) => h("div", { key: term }, h("dt", null, term), h("dd", null, value));
    if (cluster) {
      meta.push(metaRow(`${cluster.kind_label} thi đua`, cluster.label));
      meta.push(metaRow("Năm thi đua", year ? String(year) : "—"));
    }
    if (eventOption) meta.push(metaRow("Sự kiện", eventOption.label));
    if (units.length) {
      meta.push(
        h(
          "div",
          { key: "units" },
          h(
            "dt",
            null,
            "Đơn vị tham gia",
            listed.length ? null : h("span", { className: "meta-panel__note" }, ` (các thành viên năm ${year})`),
          ),
          h(
            "dd",
            null,
            h(
              "ul",
              { className: "unit-list" },
              units.map((slug) => {
                const role = cluster ? roleLabel(cluster, term, slug) : "";
                const kind = term && term.head === slug ? "head" : "deputy";
                return h(
                  "li",
                  { key: slug },
                  unitName(registry, slug),
                  role ? " " : null,
                  role ? h("span", { className: `badge badge--${kind}` }, role) : null,
                );
              }),
            ),
          ),
        ),
      );
    }
    if (get("location")) meta.push(metaRow("Địa điểm", get("location")));
    if (byline) meta.push(metaRow("Tác giả", byline));

    return h(
      "main",
      { className: "container site-main" },
      get("status") === "draft"
        ? h("p", { className: "thidua-preview-draft", role: "note" }, "Bản nháp: chưa hiện trên trang web.")
        : null,
      h(
        "article",
        { className: "article" },
        h(
          "header",
          { className: "article__header" },
          eventOption ? h("p", { className: "article__kicker" }, eventOption.label) : null,
          h("h1", { className: "article__title" }, get("title") || "(chưa có tiêu đề)"),
          h("p", { className: "article__date" }, vnDateTime(get("date"))),
          get("summary") ? h("p", { className: "article__lead" }, get("summary")) : null,
        ),
        h(
          "div",
          { className: "article__layout" },
          h(
            "div",
            { className: "article__main" },
            h("div", { className: "prose" }, this.props.widgetFor("body")),
            photos.length
              ? h(
                  "section",
                  { className: "gallery", "aria-labelledby": "xem-truoc-anh" },
                  h(
                    "h2",
                    { className: "gallery__title", id: "xem-truoc-anh" },
                    "Hình ảnh ",
                    h("span", { className: "gallery__count" }, `(${photos.length} ảnh)`),
                  ),
                  h(
                    "ul",
                    { className: "gallery__grid" },
                    photos.map((photo, i) =>
                      h(
                        "li",
                        { key: `${photo.file}-${i}`, className: "gallery__item" },
                        h(
                          "figure",
                          { className: "gallery__figure" },
                          h("img", { src: assetUrl(this.props, photo.file, fileField), alt: photo.alt || "" }),
                          photo.caption || photo.credit || get("photo_credit")
                            ? h(
                                "figcaption",
                                { className: "gallery__caption" },
                                photo.caption ? h("span", null, photo.caption) : null,
                                photo.credit || get("photo_credit")
                                  ? h("span", { className: "gallery__credit" }, ` Ảnh: ${photo.credit || get("photo_credit")}`)
                                  : null,
                              )
                            : null,
                        ),
                      ),
                    ),
                  ),
                )
              : null,
            byline ? h("p", { className: "article__byline" }, byline) : null,
            tags.length
              ? h(
                  "div",
                  { className: "tags" },
                  h("h2", { className: "tags__title" }, "Chủ đề"),
                  h("ul", { className: "tags__list" }, tags.map((tag) => h("li", { key: tag }, tag))),
                )
              : null,
          ),
          h(
            "div",
            { className: "article__aside" },
            h(
              "section",
              { className: "meta-panel", "aria-labelledby": "meta-panel-title" },
              h("h2", { id: "meta-panel-title", className: "meta-panel__title" }, "Thông tin bài viết"),
              h("dl", null, meta),
            ),
          ),
        ),
      ),
    );
  },
});

const ClusterPreview = createClass({
  componentDidMount() {
    setFrameDocument(this.props, this.title());
  },
  componentDidUpdate() {
    setFrameDocument(this.props, this.title());
  },
  title() {
    return `Xem trước: ${dataGet(this.props.entry.get("data"), "name") || "cụm mới"}`;
  },
  render() {
    const data = this.props.entry.get("data");
    const get = (name) => dataGet(data, name);
    const registry = collectionRegistry(this.props.collection);
    const kindLabel = get("kind") === "khối" ? "Khối" : "Cụm";
    const terms = [...(get("terms") || [])].filter(Boolean).sort((a, b) => (b.year || 0) - (a.year || 0));
    return h(
      "main",
      { className: "container site-main" },
      h(
        "article",
        { className: "article" },
        h(
          "header",
          { className: "article__header" },
          h("p", { className: "article__kicker" }, get("agency") || ""),
          h("h1", { className: "article__title" }, get("name") || "(chưa có tên)"),
        ),
        get("description") ? h("div", { className: "prose" }, h("p", null, get("description"))) : null,
        ...terms.map((term) => {
          const members = (term.members || []).map(String);
          const ordered = [term.head, term.deputy].filter((u) => u && members.includes(u));
          members.forEach((u) => ordered.includes(u) || ordered.push(u));
          return h(
            "section",
            { key: `nam-${term.year}`, className: "meta-panel" },
            h("h2", { className: "meta-panel__title" }, `Năm ${term.year || "?"}`),
            term.motto ? h("p", { className: "motto" }, term.motto) : null,
            h(
              "ul",
              { className: "unit-list" },
              ordered.map((slug) => {
                const role = term.head === slug ? `${kindLabel} trưởng` : term.deputy === slug ? `${kindLabel} phó` : "";
                return h(
                  "li",
                  { key: slug },
                  unitName(registry, slug),
                  role ? " " : null,
                  role ? h("span", { className: `badge badge--${term.head === slug ? "head" : "deputy"}` }, role) : null,
                );
              }),
            ),
            term.decision ? h("p", null, `Căn cứ: ${term.decision}`) : null,
          );
        }),
      ),
    );
  },
});

/* -- Articles: YAML front matter the way the README writes it ----------------- */

// Decap's own front matter folds long lines at 80 characters and writes every list
// one item a line; ours keeps each value on its line, lists of words as [a, b],
// leaves out what is empty, and reads Pelican's native "Title: ..." header too.
const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)([\s\S]*)$/;
const NATIVE_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):[ \t]*(.*)$/;
const NATIVE_LISTS = ["tags", "units"];

function isEmptyValue(value) {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

function withoutEmpty(value) {
  if (Array.isArray(value)) return value.map(withoutEmpty).filter((v) => !isEmptyValue(v));
  if (value && typeof value === "object") {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      const clean = withoutEmpty(item);
      if (!isEmptyValue(clean)) out[key] = clean;
    }
    return out;
  }
  return value;
}

function nativeHeader(content) {
  const lines = content.split(/\r?\n/);
  const data = {};
  let i = 0;
  for (; i < lines.length && lines[i].trim() !== ""; i++) {
    const match = NATIVE_LINE.exec(lines[i]);
    if (!match) return null;
    const key = match[1].toLowerCase();
    data[key] = NATIVE_LISTS.includes(key)
      ? match[2].split(",").map((v) => v.trim()).filter(Boolean)
      : match[2].trim();
  }
  if (!Object.keys(data).length) return null;
  return { data, body: lines.slice(i + 1).join("\n") };
}

const articleFormat = {
  fromFile(content) {
    const text = String(content || "").replace(/^\uFEFF/, "");
    const match = FRONT_MATTER.exec(text);
    let data = {};
    let body = text;
    if (match) {
      const doc = parseDocument(match[1] || "", { uniqueKeys: true });
      if (doc.errors.length) {
        throw new Error(`phần đầu bài (YAML) không đọc được: ${doc.errors.map((e) => e.message).join("; ")}`);
      }
      data = doc.toJS() || {};
      body = match[2];
    } else {
      const native = nativeHeader(text);
      if (native) ({ data, body } = native);
    }
    return body.trim() ? { ...data, body } : { ...data };
  },
  toFile(data, sortedKeys = []) {
    const { body = "", ...meta } = data;
    const clean = withoutEmpty(meta);
    const order = [...(sortedKeys.toArray ? sortedKeys.toArray() : sortedKeys)];
    const keys = [
      ...order.filter((key) => key in clean),
      ...Object.keys(clean).filter((key) => !order.includes(key)),
    ];
    const ordered = {};
    keys.forEach((key) => (ordered[key] = clean[key]));
    const doc = new Document(ordered);
    visit(doc, {
      Seq(_, node) {
        if (node.items.every((item) => isScalar(item))) node.flow = true;
      },
    });
    const header = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
    const text = String(body);
    return `---\n${header}---\n${text}${text.endsWith("\n") || !text ? "" : "\n"}`;
  },
};

/* -- content/units.yml: a top-level list, comments kept --------------------- */

let unitsDocument = null; // the file as last read, so an edit keeps its comments

const text = (value) => (value === undefined || value === null ? "" : String(value).trim());

const unitsFormat = {
  fromFile(content) {
    const doc = parseDocument(content || "[]", { uniqueKeys: true });
    if (doc.errors.length) {
      throw new Error(`units.yml không đọc được: ${doc.errors.map((e) => e.message).join("; ")}`);
    }
    unitsDocument = doc;
    let list = doc.toJS() || [];
    if (!Array.isArray(list) && list && Array.isArray(list.units)) list = list.units;
    if (!Array.isArray(list)) list = [];
    return {
      units: list
        .filter((u) => u && typeof u === "object")
        .map((u) => ({ slug: text(u.slug), name: text(u.name), short_name: text(u.short_name) })),
    };
  },
  toFile(data) {
    const units = (data.units || []).filter(Boolean);
    if (!units.length && unitsDocument && (unitsDocument.toJS() || []).length) {
      // Never write away the whole registry: an empty list here is a form that did not load.
      throw new Error("danh sách đơn vị trống; tải lại trang rồi sửa lại (không lưu để khỏi mất dữ liệu)");
    }
    const doc = unitsDocument && isSeq(unitsDocument.contents) ? unitsDocument.clone() : new Document([]);
    const bySlug = new Map();
    for (const item of doc.contents.items) {
      if (isMap(item)) bySlug.set(text(item.get("slug")), item);
    }
    doc.contents.items = units.map((unit) => {
      const node = bySlug.get(text(unit.slug)) || doc.createNode({});
      for (const key of ["slug", "name", "short_name"]) {
        if (text(unit[key])) node.set(key, text(unit[key]));
        else node.delete(key);
      }
      return node;
    });
    return doc.toString({ lineWidth: 0 });
  },
};

/* -- Words staff read: Decap's Vietnamese, completed and made plain ----------- */

// In this editor "publish" writes the files (a commit on a git server); whether the
// report shows on the site is the form's own "Trạng thái" field, so the button says "Lưu".
const WORDS = {
  collection: {
    collectionTop: {
      newButton: "Viết %{collectionLabel} mới",
      viewAs: "Xem dạng",
      viewAsList: "Danh sách",
      viewAsGrid: "Lưới",
      groupBy: "Nhóm theo",
    },
  },
  editor: {
    editorControlPane: { widget: { regexPattern: "%{fieldLabel}: %{pattern}." } },
    editorToolbar: {
      publish: "Lưu",
      published: "Đã lưu",
      publishing: "Đang lưu...",
      publishNow: "Lưu ngay",
      publishAndCreateNew: "Lưu và viết bài mới",
      publishAndDuplicate: "Lưu và sao chép",
      deployButtonLabel: "Xem trên trang web",
      deletePublishedEntry: "Xoá bài này",
    },
    editorWidgets: {
      image: {
        choose: "Chọn ảnh",
        chooseMultiple: "Chọn ảnh",
        chooseDifferent: "Chọn ảnh khác",
        remove: "Bỏ ảnh",
        removeAll: "Bỏ mọi ảnh",
        chooseUrl: "Chèn từ địa chỉ web",
        replaceUrl: "Thay bằng địa chỉ web",
        promptUrl: "Địa chỉ của ảnh",
        addMore: "Thêm ảnh",
      },
      list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
      object: { expand: "Mở", collapse: "Thu gọn" },
      datetime: { setToNow: "Đặt %{fieldLabel} là bây giờ" },
    },
  },
  mediaLibrary: {
    mediaLibraryModal: { upload: "Tải ảnh lên", chooseSelected: "Dùng ảnh đã chọn" },
    mediaLibraryCard: { draft: "Chưa lưu", copy: "Sao chép", copyUrl: "Sao chép địa chỉ", copyPath: "Sao chép đường dẫn", copyName: "Sao chép tên", copied: "Đã sao chép" },
  },
  ui: {
    toast: {
      entryPublished: "Đã lưu. Trang web đang được dựng lại.",
      entrySaved: "Đã lưu. Trang web đang được dựng lại.",
      missingRequiredField: "Còn thiếu thông tin bắt buộc hoặc có lỗi: xem các ô được đánh dấu đỏ.",
    },
  },
};

function mergeDeep(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    out[key] =
      value && typeof value === "object" && base && typeof base[key] === "object"
        ? mergeDeep(base[key], value)
        : value;
  }
  return out;
}

/* -- Going from one editor straight to another ------------------------------- */

// Decap keeps the open form when the address changes from an entry of one collection
// straight to an entry of another (typed address, back/forward): the units form then
// showed a cluster's data. Such a change reloads the page, which loads the right entry.
const editorCollection = (hash) => {
  const match = /^#\/collections\/([^/]+)\/(?:entries\/|new)/.exec(hash);
  return match ? match[1] : null;
};
let openEditor = editorCollection(location.hash);
window.addEventListener("hashchange", () => {
  const collection = editorCollection(location.hash);
  if (openEditor && collection && collection !== openEditor) location.reload();
  openEditor = collection;
});

/* -- Registration ------------------------------------------------------------ */

const here = new URL(".", import.meta.url);
const site = new URL("../theme/", here);

CMS.registerLocale("vi", mergeDeep(CMS.getLocale("vi") || {}, WORDS));
CMS.registerWidget("thidua-date", DateControl, DatePreview);
CMS.registerWidget("thidua-year", YearControl);
CMS.registerWidget("thidua-units", UnitsControl, UnitsPreview);
CMS.registerWidget("thidua-cover", CoverControl);
CMS.registerWidget("thidua-summary", SummaryControl);
CMS.registerWidget("thidua-cluster-check", ClusterCheckControl);
CMS.registerCustomFormat("thidua-units-yaml", "yml", unitsFormat);
CMS.registerCustomFormat("thidua-frontmatter", "md", articleFormat);
CMS.registerPreviewStyle(new URL("css/site.css", site).href);
CMS.registerPreviewStyle(new URL("css/gallery.css", site).href);
CMS.registerPreviewStyle(new URL("preview.css", here).href);
CMS.registerPreviewTemplate("articles", ArticlePreview);
CMS.registerPreviewTemplate("clusters", ClusterPreview);

// For the tests and the curious: the same rules the widgets apply.
window.thiduaEditor = {
  parseDate, isoText, unitsProblems, termProblem, clusterProblems, unitsFormat, articleFormat,
};

CMS.init();
