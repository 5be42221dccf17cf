#!/usr/bin/env python3
"""The audit page's queries on SQLite with 200,000 entries, before and after
migration 0028 (issue 9).

Builds two SQLite files in /tmp/auditbench with the tables the page reads
(audit_entries as migration 0001 and 0029 define it, and the names its
columns look up), fills the log like the large demo set does
(kp_demo::large::audit_log: 200,000 entries over a year, 40 % portal
sign-ins, 15 % staff sign-ins, 5 % failed sign-ins, 20 % personal-data
reads, 15 % document downloads, 5 % "view as user" pages), and times, per
page view, the list query plus the two filter-choice queries as the code
before 0028 wrote them (COUNT(*) OVER () with OFFSET, SELECT DISTINCT,
correlated person search) and as it writes them now (keyset, skip scan,
person ids found once). Prints the median of 5 runs in milliseconds.

Run: python3 bench/audit-log.py   (stdlib only; about a minute)
"""
import sqlite3, time, random, os, statistics
os.makedirs("/tmp/auditbench", exist_ok=True)
HERE = os.path.dirname(os.path.abspath(__file__))
N=200000
def build(path, new):
    if os.path.exists(path): os.remove(path)
    db=sqlite3.connect(path)
    db.executescript("""
CREATE TABLE staff_users (id INTEGER PRIMARY KEY, name TEXT, email TEXT);
CREATE TABLE portal_users (id INTEGER PRIMARY KEY, name TEXT, email TEXT);
CREATE TABLE customers (id INTEGER PRIMARY KEY, display_name TEXT);
CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT);
CREATE TABLE permission_profiles (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE organizations (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE audit_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_staff_id BIGINT REFERENCES staff_users(id) ON DELETE SET NULL,
    actor_portal_user_id BIGINT REFERENCES portal_users(id) ON DELETE SET NULL,
    impersonated_portal_user_id BIGINT REFERENCES portal_users(id) ON DELETE SET NULL,
    action TEXT NOT NULL, target_kind TEXT NOT NULL DEFAULT '', target_id BIGINT,
    ip TEXT NOT NULL DEFAULT '', details TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL,
    request_id TEXT NOT NULL DEFAULT '');
CREATE INDEX audit_entries_created ON audit_entries (created_at);
""")
    rnd=random.Random(7)
    db.executemany("INSERT INTO staff_users VALUES (?,?,?)",[(i,f"Staff {i}",f"staff{i}@broker.example") for i in range(1,41)])
    db.executemany("INSERT INTO portal_users VALUES (?,?,?)",[(i,f"User {i}",f"user{i}@example.de") for i in range(1,2001)])
    db.executemany("INSERT INTO portal_users VALUES (?,?,?)",[(2001,"Martina Keller","martina.keller@example.de")])
    db.executemany("INSERT INTO customers VALUES (?,?)",[(i,f"Customer {i}") for i in range(1,20001)])
    db.executemany("INSERT INTO documents VALUES (?,?)",[(i,f"Doc {i}") for i in range(1,200001)])
    import datetime
    start=datetime.datetime(2025,10,1,tzinfo=datetime.timezone.utc)
    step=365*24*3600/N
    rows=[]
    for i in range(N):
        t=(start+datetime.timedelta(seconds=i*step)).isoformat().replace("+00:00","Z")
        staff=rnd.randint(1,40); portal=rnd.randint(1,2001); k=rnd.randrange(100)
        if k<40: r=(None,portal,None,"sign_in.succeeded","portal_user",portal)
        elif k<55: r=(staff,None,None,"sign_in.succeeded","staff_user",staff)
        elif k<60: r=(None,None,None,"sign_in.failed","",None)
        elif k<80: r=(staff,None,None,"personal_data.read","customer",rnd.randint(1,20000))
        elif k<95: r=(None,portal,None,"document.download","document",rnd.randint(1,200000))
        else: r=(staff,None,portal,"view_as.request","portal_user",portal)
        rows.append(r+("198.51.100.1","{}",t))
    db.executemany("INSERT INTO audit_entries (actor_staff_id,actor_portal_user_id,impersonated_portal_user_id,action,target_kind,target_id,ip,details,created_at) VALUES (?,?,?,?,?,?,?,?,?)",rows)
    if new:
        db.executescript(open(os.path.join(HERE, "..", "crates", "storage", "migrations", "0028_audit_indexes.sql")).read())
    db.commit()
    return db

COLUMNS="""SELECT ae.id, ae.created_at, ae.action,
 (SELECT s.name || ' <' || s.email || '>' FROM staff_users s WHERE s.id = ae.actor_staff_id) AS actor_staff,
 (SELECT p.name || ' <' || p.email || '>' FROM portal_users p WHERE p.id = ae.actor_portal_user_id) AS actor_portal,
 (SELECT p.name || ' <' || p.email || '>' FROM portal_users p WHERE p.id = ae.impersonated_portal_user_id) AS impersonated,
 ae.target_kind, ae.target_id,
 CASE ae.target_kind WHEN 'portal_user' THEN (SELECT p.name FROM portal_users p WHERE p.id = ae.target_id)
  WHEN 'staff_user' THEN (SELECT s.name FROM staff_users s WHERE s.id = ae.target_id)
  WHEN 'customer' THEN (SELECT c.display_name FROM customers c WHERE c.id = ae.target_id)
  WHEN 'document' THEN (SELECT d.title FROM documents d WHERE d.id = ae.target_id)
  WHEN 'permission_profile' THEN (SELECT pp.name FROM permission_profiles pp WHERE pp.id = ae.target_id)
  WHEN 'organization' THEN (SELECT o.name FROM organizations o WHERE o.id = ae.target_id) ELSE NULL END AS target_name,
 ae.ip, ae.request_id, ae.details"""
OLD_PERSON="""AND (EXISTS (SELECT 1 FROM staff_users fs WHERE (fs.id = ae.actor_staff_id OR (ae.target_kind = 'staff_user' AND fs.id = ae.target_id)) AND (LOWER(fs.name) LIKE :p ESCAPE '\\' OR LOWER(fs.email) LIKE :p ESCAPE '\\')) OR EXISTS (SELECT 1 FROM portal_users fp WHERE (fp.id = ae.actor_portal_user_id OR fp.id = ae.impersonated_portal_user_id OR (ae.target_kind = 'portal_user' AND fp.id = ae.target_id)) AND (LOWER(fp.name) LIKE :p ESCAPE '\\' OR LOWER(fp.email) LIKE :p ESCAPE '\\')))"""
S="(SELECT fs.id FROM staff_users fs WHERE LOWER(fs.name) LIKE :p ESCAPE '\\' OR LOWER(fs.email) LIKE :p ESCAPE '\\')"
P="(SELECT fp.id FROM portal_users fp WHERE LOWER(fp.name) LIKE :p ESCAPE '\\' OR LOWER(fp.email) LIKE :p ESCAPE '\\')"
NEW_PERSON=f"AND (ae.actor_staff_id IN {S} OR (ae.target_kind = 'staff_user' AND ae.target_id IN {S}) OR ae.actor_portal_user_id IN {P} OR ae.impersonated_portal_user_id IN {P} OR (ae.target_kind = 'portal_user' AND ae.target_id IN {P}))"
def old_list(filt, offset): return f"{COLUMNS}, COUNT(*) OVER () AS total FROM audit_entries ae WHERE 1 = 1 {filt} ORDER BY ae.created_at DESC, ae.id DESC LIMIT 25 OFFSET {offset}"
def new_list(filt, before): 
    cur = "" if before is None else f"AND (ae.created_at, ae.id) < (SELECT c.created_at, c.id FROM audit_entries c WHERE c.id = {before})"
    return f"{COLUMNS} FROM audit_entries ae WHERE 1 = 1 {filt} {cur} ORDER BY ae.created_at DESC, ae.id DESC LIMIT 26"
OLD_VOC=["SELECT DISTINCT action FROM audit_entries ORDER BY action","SELECT DISTINCT target_kind FROM audit_entries WHERE target_kind <> '' ORDER BY target_kind"]
def skip(c): return f"WITH RECURSIVE v(value) AS (SELECT (SELECT MIN({c}) FROM audit_entries WHERE {c} > '') UNION ALL SELECT (SELECT MIN({c}) FROM audit_entries WHERE {c} > v.value) FROM v WHERE v.value IS NOT NULL) SELECT value FROM v WHERE value IS NOT NULL ORDER BY value"
NEW_VOC=[skip("action"),skip("target_kind")]
def t(db, sqls, params={}, reps=5):
    ts=[]
    for _ in range(reps):
        a=time.perf_counter()
        for s in sqls: db.execute(s, params).fetchall()
        ts.append((time.perf_counter()-a)*1000)
    return statistics.median(ts)
cases=[("newest page","",0,None),("page 400 (10,000 back)","",9975,N-9975+1),
       ("action=personal_data.read","AND ae.action = 'personal_data.read'",0,None),
       ("person=martina","PERSON",0,None)]
for label,new in [("before (no 0028)",False),("after (0028)",True)]:
    db=build(f"/tmp/auditbench/{'new' if new else 'old'}.db", new)
    print(f"== {label}")
    for name,filt,off,before in cases:
        p={"p":"%martina%"}
        if new:
            f = NEW_PERSON if filt=="PERSON" else filt
            ms=t(db,[new_list(f,before)]+NEW_VOC,p)
        else:
            f = OLD_PERSON if filt=="PERSON" else filt
            ms=t(db,[old_list(f,off)]+OLD_VOC,p)
        print(f"{name}: {ms:.1f} ms (list + choices)")
    v = t(db, NEW_VOC if new else OLD_VOC)
    print(f"choices alone: {v:.1f} ms")
