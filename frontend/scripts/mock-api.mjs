#!/usr/bin/env node
// A stand-in for the Botschaft API, for developing and looking at the SPA without the backend.
// In-memory data following the contract in openapi.provisional.yaml. Not part of the build.
//
//   node scripts/mock-api.mjs                 # API on http://127.0.0.1:8000 (vite dev/preview proxy /api here)
//   node scripts/mock-api.mjs --serve-dist    # also serves dist/ with the production CSP (one origin)
//   PORT=8001 MOCK_OIDC=1 node scripts/mock-api.mjs
//
// Accounts (password "demo"): admin@example.org, kernteam@example.org, influencer@example.org,
// hr@example.org, multi@example.org (core team in one program, influencer in another).
import { randomBytes, randomUUID } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PORT = Number(process.env.PORT ?? 8000);
const HOST = "127.0.0.1";
const SERVE_DIST = process.argv.includes("--serve-dist");
const DIST = resolve(dirname(fileURLToPath(import.meta.url)), "../dist");
const OIDC = process.env.MOCK_OIDC === "1";
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const now = () => new Date().toISOString();
const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString();

const programs = [
  {
    id: randomUUID(), name: "Corporate Influencer Pilot München", slug: "muc-pilot",
    description: "Pilotteam der Stadtverwaltung: 16 Beschäftigte erzählen auf LinkedIn von ihrer Arbeit.",
    hashtags: ["#WirSindMünchen", "#StadtMünchenKarriere"], platforms: ["linkedin", "instagram"],
    starts_on: "2023-01-01", ends_on: "2023-06-30", timezone: "Europe/Berlin",
    target_posts_per_month: 4, min_group_size: 5, rankings_enabled: false, version: 1,
  },
  {
    id: randomUUID(), name: "Job-Botschafter Handel", slug: "handel",
    description: "", hashtags: ["#JobsImHandel"], platforms: ["linkedin", "tiktok", "xing"],
    starts_on: "2024-03-01", ends_on: null, timezone: "Europe/Berlin",
    target_posts_per_month: 2, min_group_size: 5, rankings_enabled: false, version: 3,
  },
];

const users = [];
function addUser(email, name, role, extra = {}) {
  const u = { id: randomUUID(), email, name, role, locale: "de", is_active: true, created_at: daysAgo(200), last_login_at: null, version: 1, password: "demo", ...extra };
  users.push(u);
  return u;
}
const members = [];
function addMember(program, user, role, occupation = null, department = null, joined = 150) {
  members.push({ id: randomUUID(), program_id: program.id, user_id: user.id, role, occupation, department, joined_at: daysAgo(joined) });
}

const [muc, handel] = programs;
const admin = addUser("admin@example.org", "Alex Admin", "admin", { last_login_at: daysAgo(1) });
const core = addUser("kernteam@example.org", "Katrin Kern", "core_team", { last_login_at: daysAgo(2) });
const infl = addUser("influencer@example.org", "Ines Influencer", "influencer");
const hr = addUser("hr@example.org", "Hanna Hoffmann", "hr_viewer", { locale: "en" });
const multi = addUser("multi@example.org", "Moritz Mehrfach", "core_team");
addMember(muc, admin, "core_team", "Verwaltungsinformatik", "IT-Referat");
addMember(muc, core, "core_team", "Kommunikation", "Personal- und Organisationsreferat");
addMember(muc, multi, "core_team", "Personalmarketing", "Personal- und Organisationsreferat");
addMember(muc, hr, "hr_viewer", "Personalleitung", "Personal- und Organisationsreferat");
addMember(muc, infl, "influencer", "Gärtnermeisterin", "Baureferat Gartenbau");
addMember(handel, multi, "influencer", "Filialleitung", "Vertrieb Süd");
addMember(handel, core, "core_team", "Employer Branding", "HR");
const jobs = [
  ["Juristin", "Rechtsreferat"], ["Feuerwehrmann", "Branddirektion"], ["Ingenieur", "Mobilitätsreferat"],
  ["Erzieherin", "Referat für Bildung und Sport"], ["Erzieher", "Referat für Bildung und Sport"], ["Berater", "Referat für Arbeit und Wirtschaft"],
  ["Verwaltungsfachangestellte", "Kreisverwaltungsreferat"], ["Sozialpädagogin", "Sozialreferat"], ["Stadtplanerin", "Referat für Stadtplanung"],
  ["Förster", "Kommunalreferat"], ["Pflegefachkraft", "Gesundheitsreferat"], ["Bibliothekarin", "Kulturreferat"],
  ["Informatiker", "IT-Referat"], ["Auszubildende", "Personal- und Organisationsreferat"], ["Hausmeister", "Baureferat"],
];
const first = ["Anna", "Ben", "Clara", "Deniz", "Emil", "Fatma", "Georg", "Hülya", "Ivan", "Jana", "Kemal", "Lea", "Mats", "Nora", "Olaf", "Paula", "Quentin", "Rosa", "Sven", "Tülay", "Uwe", "Vera", "Wolf", "Xenia", "Yusuf", "Zoe"];
const last = ["Bauer", "Çelik", "Dietrich", "Engel", "Fischer", "Graf", "Huber", "Jung", "Krause", "Lang", "Maier", "Nowak", "Öztürk", "Peters", "Schmid", "Weber"];
for (let i = 0; i < 40; i++) {
  const name = `${first[i % first.length]} ${last[(i * 7) % last.length]}`;
  const u = addUser(`person${i + 1}@example.org`, name, "influencer", { last_login_at: i % 3 ? daysAgo(i) : null, is_active: i % 11 !== 5 });
  const [occ, dep] = jobs[i % jobs.length];
  if (i < 15) addMember(muc, u, "influencer", occ, dep, 140 - i);
  else if (i < 30) addMember(handel, u, "influencer", "Verkauf", `Filiale ${i - 14}`, 90 - i);
}

const audit = [];
const actions = ["auth.login", "program.updated", "member.added", "user.role_changed", "selection.confirmed", "export.created", "auth.login_failed"];
for (let i = 0; i < 123; i++) {
  const actor = i % 9 === 0 ? null : [admin, core, multi][i % 3];
  audit.push({
    id: randomUUID(), at: new Date(Date.now() - i * 3600_000 * 5).toISOString(),
    actor_id: actor?.id ?? null, actor_label: actor ? actor.name : null, action: actions[i % actions.length],
    target_type: i % 2 ? "program" : "user", target_id: i % 2 ? muc.id : users[i % users.length].id,
    program_id: i % 2 ? muc.id : null, ip: `192.0.2.${(i % 250) + 1}`, details: i % 4 === 0 ? { field: "role", from: "influencer", to: "core_team" } : {},
  });
}
function record(actor, action, target_type, target_id, details = {}, ip = "127.0.0.1") {
  audit.unshift({ id: randomUUID(), at: now(), actor_id: actor?.id ?? null, actor_label: actor?.name ?? null, action, target_type, target_id, program_id: null, ip, details });
}

const sessions = new Map(); // token -> { userId, csrf }
const failures = new Map(); // email -> [timestamps]

// ---------- HTTP helpers ----------
function send(res, status, body, headers = {}) {
  const data = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers });
  res.end(data);
}
function problem(res, status, title, detail, extra = {}, headers = {}) {
  send(res, status, { type: "about:blank", title, status, detail, ...extra }, { ...headers, "Content-Type": "application/problem+json" });
}
function cookies(req) {
  const out = {};
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}
async function body(req) {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  if (!raw) return {};
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
function paginate(items, q) {
  const page = Math.max(1, parseInt(q.get("page") ?? "1", 10) || 1);
  const per_page = Math.min(200, Math.max(1, parseInt(q.get("per_page") ?? "50", 10) || 50));
  return { items: items.slice((page - 1) * per_page, page * per_page), total: items.length, page, per_page };
}
const userOut = ({ password, ...u }) => ({ ...u, has_password: !!password });
function meOut(u) {
  return {
    id: u.id, email: u.email, name: u.name, role: u.role, locale: u.locale,
    programs: members.filter((m) => m.user_id === u.id).map((m) => {
      const p = programs.find((x) => x.id === m.program_id);
      return { id: p.id, name: p.name, slug: p.slug, role: m.role };
    }),
  };
}
function counts(p) {
  const c = { core_team: 0, influencer: 0, hr_viewer: 0 };
  for (const m of members) if (m.program_id === p.id) c[m.role]++;
  return c;
}
const programOut = (p, role) => ({ ...p, my_role: role ?? null, member_counts: counts(p) });
const memberOut = (m) => {
  const u = users.find((x) => x.id === m.user_id);
  return { id: m.id, user_id: u.id, name: u.name, email: u.email, role: m.role, occupation: m.occupation, department: m.department, joined_at: m.joined_at };
};
function fieldErrors(res, errors) {
  problem(res, 422, "Unprocessable Entity", "The request contains invalid fields.", { errors });
}

// ---------- API ----------
async function api(req, res, url) {
  const path = url.pathname;
  const method = req.method;
  const c = cookies(req);
  const session = sessions.get(c.botschaft_session);
  const me = session ? users.find((u) => u.id === session.userId && u.is_active) : undefined;
  await new Promise((r) => setTimeout(r, 120)); // a little latency, like a real server

  if (method !== "GET" && me && req.headers["x-csrf-token"] !== session.csrf) {
    return problem(res, 403, "Forbidden", "CSRF token missing or wrong.");
  }

  if (path === "/api/v1/auth/config" && method === "GET") {
    return send(res, 200, { password_login: true, oidc: { enabled: OIDC, label: "Stadt-Login" } });
  }
  if (path === "/api/v1/auth/login" && method === "POST") {
    const b = await body(req);
    if (!b || typeof b.email !== "string" || typeof b.password !== "string") return fieldErrors(res, [{ field: "email", message: "Field required", type: "missing" }]);
    const key = b.email.toLowerCase();
    const recent = (failures.get(key) ?? []).filter((t) => Date.now() - t < 60_000);
    if (recent.length >= 5) return problem(res, 429, "Too Many Requests", "Too many sign-in attempts.", {}, { "Retry-After": "60" });
    const u = users.find((x) => x.email === key && x.password === b.password && x.is_active);
    if (!u) {
      failures.set(key, [...recent, Date.now()]);
      return problem(res, 401, "Unauthorized", "Email or password is wrong.");
    }
    const token = randomBytes(16).toString("hex");
    const csrf = randomBytes(16).toString("hex");
    sessions.set(token, { userId: u.id, csrf });
    u.last_login_at = now();
    record(u, "auth.login", "user", u.id);
    return send(res, 200, meOut(u), {
      "Set-Cookie": [`botschaft_session=${token}; Path=/; HttpOnly; SameSite=Lax`, `botschaft_csrf=${csrf}; Path=/; SameSite=Strict`],
    });
  }
  if (path === "/api/v1/auth/oidc/login" && method === "GET") {
    res.writeHead(303, { Location: `/login?error=${OIDC ? "sso_no_account" : "sso_disabled"}` });
    return res.end();
  }
  if (!me) return problem(res, 401, "Unauthorized", "Not signed in.");

  if (path === "/api/v1/auth/logout" && method === "POST") {
    sessions.delete(c.botschaft_session);
    res.writeHead(204, { "Set-Cookie": ["botschaft_session=; Path=/; Max-Age=0", "botschaft_csrf=; Path=/; Max-Age=0"] });
    return res.end();
  }
  if (path === "/api/v1/me") {
    if (method === "GET") return send(res, 200, meOut(me));
    if (method === "PATCH") {
      const b = (await body(req)) ?? {};
      if (b.name !== undefined && b.name !== null) {
        if (!String(b.name).trim()) return fieldErrors(res, [{ field: "name", message: "String should have at least 1 character", type: "string_too_short" }]);
        me.name = String(b.name);
      }
      if (b.locale) me.locale = b.locale;
      return send(res, 200, meOut(me));
    }
  }

  if (path === "/api/v1/users" || path.startsWith("/api/v1/users/") || path === "/api/v1/audit-events") {
    if (me.role !== "admin") return problem(res, 403, "Forbidden", "Administrators only.");
  }
  if (path === "/api/v1/users" && method === "GET") {
    const q = (url.searchParams.get("q") ?? "").toLowerCase();
    const list = users.filter((u) => !q || u.name.toLowerCase().includes(q) || u.email.includes(q)).sort((a, b) => a.name.localeCompare(b.name));
    return send(res, 200, paginate(list.map(userOut), url.searchParams));
  }
  if (path === "/api/v1/users" && method === "POST") {
    const b = (await body(req)) ?? {};
    if (users.some((u) => u.email === String(b.email).toLowerCase())) return problem(res, 409, "Conflict", "An account with this email exists.");
    const u = addUser(String(b.email).toLowerCase(), b.name, b.role, { password: b.password ?? null, created_at: now(), locale: b.locale ?? "de" });
    record(me, "user.created", "user", u.id);
    return send(res, 201, userOut(u));
  }
  let m = /^\/api\/v1\/users\/([^/]+)$/.exec(path);
  if (m && method === "PATCH") {
    const u = users.find((x) => x.id === m[1]);
    if (!u) return problem(res, 404, "Not Found", "No such user.");
    const b = (await body(req)) ?? {};
    if (b.version !== u.version) return problem(res, 409, "Conflict", "The account was changed in the meantime.");
    if (u.id === me.id && b.role && b.role !== "admin") return problem(res, 409, "Conflict", "You cannot take away your own administrator role.");
    for (const k of ["name", "role", "is_active"]) if (b[k] !== undefined && b[k] !== null) u[k] = b[k];
    u.version++;
    record(me, "user.updated", "user", u.id, { role: u.role, is_active: u.is_active });
    return send(res, 200, userOut(u));
  }
  if (path === "/api/v1/audit-events" && method === "GET") return send(res, 200, paginate(audit, url.searchParams));

  const roleIn = (p) => members.find((x) => x.program_id === p.id && x.user_id === me.id)?.role;
  if (path === "/api/v1/programs" && method === "GET") {
    const list = programs.filter((p) => me.role === "admin" || roleIn(p));
    return send(res, 200, paginate(list.map((p) => programOut(p, roleIn(p))), url.searchParams));
  }
  m = /^\/api\/v1\/programs\/([^/]+)(\/members(?:\/([^/]+))?)?$/.exec(path);
  if (m) {
    const p = programs.find((x) => x.id === m[1]);
    const role = p && roleIn(p);
    if (!p || (!role && me.role !== "admin")) return problem(res, 404, "Not Found", "No such program.");
    const isCore = role === "core_team";
    if (!m[2]) {
      if (method === "GET") return send(res, 200, programOut(p, role));
      if (method === "PATCH") {
        if (!isCore) return problem(res, 403, "Forbidden", "Core team only.");
        const b = (await body(req)) ?? {};
        if (b.version !== p.version) return problem(res, 409, "Conflict", "The program was changed in the meantime.");
        const errs = [];
        if (b.name !== undefined && !String(b.name ?? "x").trim()) errs.push({ field: "name", message: "String should have at least 1 character", type: "string_too_short" });
        if (b.timezone && !/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/.test(b.timezone)) errs.push({ field: "timezone", message: "Unknown time zone", type: "value_error" });
        if (errs.length) return fieldErrors(res, errs);
        for (const [k, v] of Object.entries(b)) if (k !== "version" && v !== undefined && (v !== null || k === "starts_on" || k === "ends_on")) p[k] = v;
        p.version++;
        record(me, "program.updated", "program", p.id);
        return send(res, 200, programOut(p, role));
      }
    }
    if (!isCore) return problem(res, 403, "Forbidden", "Core team only.");
    if (m[2] && !m[3]) {
      if (method === "GET") {
        const q = (url.searchParams.get("q") ?? "").toLowerCase();
        const r = url.searchParams.get("role");
        const list = members
          .filter((x) => x.program_id === p.id && (!r || x.role === r))
          .map(memberOut)
          .filter((x) => !q || x.name.toLowerCase().includes(q) || x.email.includes(q))
          .sort((a, b) => a.name.localeCompare(b.name));
        return send(res, 200, paginate(list, url.searchParams));
      }
      if (method === "POST") {
        const b = (await body(req)) ?? {};
        const errs = [];
        if (!b.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(b.email)) errs.push({ field: "email", message: "value is not a valid email address", type: "value_error" });
        if (!b.name) errs.push({ field: "name", message: "Field required", type: "missing" });
        if (errs.length) return fieldErrors(res, errs);
        let u = users.find((x) => x.email === b.email.toLowerCase());
        if (u && members.some((x) => x.program_id === p.id && x.user_id === u.id)) return problem(res, 409, "Conflict", "Already a member.");
        if (!u) u = addUser(b.email.toLowerCase(), b.name, b.role === "hr_viewer" ? "hr_viewer" : b.role, { password: null, created_at: now() });
        addMember(p, u, b.role, b.occupation ?? null, b.department ?? null, 0);
        record(me, "member.added", "program", p.id, { user: u.email, role: b.role });
        return send(res, 201, memberOut(members[members.length - 1]));
      }
    }
    if (m[3] && method === "DELETE") {
      const i = members.findIndex((x) => x.id === m[3] && x.program_id === p.id);
      if (i < 0) return problem(res, 404, "Not Found", "No such member.");
      if (members[i].role === "core_team" && members.filter((x) => x.program_id === p.id && x.role === "core_team").length === 1) {
        return problem(res, 409, "Conflict", "The last core team member cannot be removed.");
      }
      members.splice(i, 1);
      record(me, "member.removed", "program", p.id);
      res.writeHead(204);
      return res.end();
    }
  }
  return problem(res, 404, "Not Found", "No such API endpoint.");
}

// ---------- static files (optional) ----------
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon" };
function serveDist(req, res, url) {
  let file = normalize(join(DIST, decodeURIComponent(url.pathname)));
  if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) file = join(DIST, "index.html");
  if (!existsSync(file)) {
    res.writeHead(503, { "Content-Type": "text/plain" });
    return res.end("Run `npm run build` first.");
  }
  res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff" });
  createReadStream(file).pipe(res);
}

createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? HOST}`);
  if (url.pathname.startsWith("/api/")) {
    api(req, res, url).catch((e) => {
      console.error(e);
      problem(res, 500, "Internal Server Error", "Mock failed.");
    });
  } else if (SERVE_DIST) serveDist(req, res, url);
  else problem(res, 404, "Not Found", "Only /api is served (use --serve-dist for the SPA).");
}).listen(PORT, HOST, () => {
  console.log(`mock API on http://${HOST}:${PORT}${SERVE_DIST ? " (serving dist/)" : ""}; password for all accounts: demo`);
});
