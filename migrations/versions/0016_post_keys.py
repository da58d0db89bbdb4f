"""post keys: one canonical key per post, unique per program; posts stored twice are merged

Every post gets `post_key`, the canonical key of its link (posts/urls.py: `identify`), and
(program, post_key) replaces (program, normalized_url) as the unique constraint. Posts of a
program that were logged twice under different link forms (a LinkedIn share link and its
feed/update/urn:li:activity link, an Instagram /reel/ and /p/ link, youtu.be and watch?v=)
are merged first, into the one logged earliest:

- its figure readings (post_metric_snapshots) and outcomes move to the kept post; where both
  posts have a reading of the same moment, the kept post's reading stays;
- the kept post shows the newest reading of all of them (figures are chosen, never summed:
  they were readings of one post); on a tie, the kept post's;
- hashtags are united, a topic or note the kept post lacks is taken from the other;
- the author and the publication date stay those of the kept post;
- the rollups of the programs concerned are recomputed from the posts (as
  `botschaft rebuild-rollup` does), so they equal a recomputation afterwards.

The key is computed by the app's `identify` on purpose (unlike 0010, which writes its SQL
out): the stored keys must be the ones the app looks posts up by. A later change to the key
rules needs its own migration that recomputes them.

Downgrade drops the key and restores the old constraint. Merged posts cannot come back: the
duplicates are gone and their readings and outcomes stay with the kept post.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 09:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import botschaft.core.database
from botschaft.posts.urls import InvalidPostUrl, identify

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FIGURES = ("impressions", "likes", "comments", "shares", "clicks", "saves")
_TIME = botschaft.core.database.UTCDateTime(timezone=True)
posts = sa.table(
    "posts",
    sa.column("id", sa.Uuid()),
    sa.column("program_id", sa.Uuid()),
    sa.column("normalized_url", sa.String()),
    sa.column("post_key", sa.String()),
    sa.column("created_at", _TIME),
    sa.column("figures_read_at", _TIME),
    sa.column("hashtags", sa.JSON()),
    sa.column("uses_program_hashtag", sa.Boolean()),
    sa.column("topic", sa.String()),
    sa.column("note", sa.String()),
    sa.column("version", sa.Integer()),
    *(sa.column(name, sa.BigInteger()) for name in _FIGURES),
)
snapshots = sa.table(
    "post_metric_snapshots",
    sa.column("id", sa.Uuid()),
    sa.column("post_id", sa.Uuid()),
    sa.column("read_at", _TIME),
)
outcomes = sa.table("outcomes", sa.column("post_id", sa.Uuid()))

# The rollups as of this revision, recomputed for the programs whose posts were merged (the
# same statements as 0010, narrowed to those programs).
_FILL = """
INSERT INTO post_rollups (member_id, month, dimension, key, program_id, posts, impressions,
    likes, comments, shares, engaged_known, last_post_on, platforms, formats)
SELECT member_id, {month}, '{dimension}', {key}, program_id, count(*),
    coalesce(sum(impressions), 0), coalesce(sum(likes), 0), coalesce(sum(comments), 0),
    coalesce(sum(shares), 0),
    coalesce(sum(CASE WHEN impressions IS NOT NULL THEN likes + comments + shares ELSE 0 END), 0),
    max(published_on), {platforms}, {formats}
FROM posts WHERE program_id IN :programs GROUP BY member_id, {month}, program_id{group}
"""
_FILL_PROGRAM = """
INSERT INTO program_post_rollups (program_id, dimension, key, month, posts, impressions, likes,
    comments, shares, engaged_known)
SELECT program_id, dimension, key, month, sum(posts), sum(impressions), sum(likes),
    sum(comments), sum(shares), sum(engaged_known)
FROM post_rollups WHERE program_id IN :programs GROUP BY program_id, dimension, key, month
"""
_PLATFORMS = ["linkedin", "instagram", "tiktok", "youtube", "x", "facebook", "xing", "threads"]
_PLATFORMS += ["bluesky", "mastodon", "other"]
_FORMATS = ["text", "image", "video", "carousel", "live", "article"]


def _bit_set(column: str, values: list[str]) -> str:
    bits = " ".join(f"WHEN '{v}' THEN {1 << n}" for n, v in enumerate(values))
    return f"coalesce(sum(DISTINCT CASE {column} {bits} ELSE 0 END), 0)"


def key_of(normalized_url: str) -> str:
    try:
        return identify(normalized_url).key
    except InvalidPostUrl:  # stored before today's checks: the address is its own key
        return normalized_url


def _without_engagements_index(change) -> None:
    """SQLite's batch mode copies the table but cannot reflect this expression index (0010),
    so it would be lost: drop it around the change and create it again."""
    op.drop_index("ix_posts_program_engagements", table_name="posts")
    with op.batch_alter_table("posts", schema=None) as batch_op:
        change(batch_op)
    op.create_index(
        "ix_posts_program_engagements",
        "posts",
        ["program_id", sa.text("(likes + comments + shares) DESC")],
        unique=False,
    )


def upgrade() -> None:
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("post_key", sa.String(length=2000), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(posts.c.id, posts.c.program_id, posts.c.normalized_url).order_by(
            posts.c.created_at, posts.c.id
        )
    ).all()
    groups: dict[tuple, list] = {}
    for post_id, program_id, normalized_url in rows:
        key = key_of(normalized_url)
        groups.setdefault((program_id, key), []).append(post_id)
    if rows:
        bind.execute(
            sa.update(posts)
            .where(posts.c.id == sa.bindparam("pid"))
            .values(post_key=sa.bindparam("key")),
            [{"pid": pid, "key": key} for (_, key), ids in groups.items() for pid in ids],
        )
    merged = [ids for ids in groups.values() if len(ids) > 1]
    for ids in merged:
        _merge(bind, ids[0], ids[1:])  # ordered by created_at: the first logged is kept
    programs = sorted({program for (program, _), ids in groups.items() if len(ids) > 1})
    if programs:
        _rebuild_rollups(bind, programs)
    _without_engagements_index(_key_unique)


def _key_unique(batch_op) -> None:
    batch_op.alter_column("post_key", existing_type=sa.String(length=2000), nullable=False)
    batch_op.drop_constraint("uq_posts_program_id_normalized_url", type_="unique")
    batch_op.create_unique_constraint(
        batch_op.f("uq_posts_program_id_post_key"), ["program_id", "post_key"]
    )


def _merge(bind, keep, duplicates: list) -> None:
    group = [keep, *duplicates]
    found = {
        row.id: row
        for row in bind.execute(sa.select(posts).where(posts.c.id.in_(group))).mappings()
    }
    # Readings of the same moment: the kept post's stays, the duplicate's goes (unique).
    taken = {
        at
        for (at,) in bind.execute(sa.select(snapshots.c.read_at).where(snapshots.c.post_id == keep))
    }
    for duplicate in duplicates:
        readings = bind.execute(
            sa.select(snapshots.c.id, snapshots.c.read_at).where(snapshots.c.post_id == duplicate)
        ).all()
        for snapshot_id, at in readings:
            if at in taken:
                bind.execute(sa.delete(snapshots).where(snapshots.c.id == snapshot_id))
            else:
                taken.add(at)
                bind.execute(
                    sa.update(snapshots).where(snapshots.c.id == snapshot_id).values(post_id=keep)
                )
    bind.execute(sa.update(outcomes).where(outcomes.c.post_id.in_(duplicates)).values(post_id=keep))

    kept = found[keep]
    # The newest reading; max() keeps the first of equals, and the kept post comes first.
    newest = max(
        (found[pid] for pid in group if found[pid]["figures_read_at"] is not None),
        key=lambda row: row["figures_read_at"],
        default=kept,
    )
    hashtags: list[str] = []
    for pid in group:
        for tag in found[pid]["hashtags"] or []:
            if tag.lower() not in {t.lower() for t in hashtags}:
                hashtags.append(tag)
    values = {name: newest[name] for name in (*_FIGURES, "figures_read_at")}
    values |= {
        "hashtags": hashtags,
        "uses_program_hashtag": any(found[pid]["uses_program_hashtag"] for pid in group),
        "topic": next((found[p]["topic"] for p in group if found[p]["topic"]), None),
        "note": next((found[p]["note"] for p in group if found[p]["note"]), None),
        "version": kept["version"] + 1,  # an open edit form of the kept post must reload
    }
    bind.execute(sa.delete(posts).where(posts.c.id.in_(duplicates)))
    bind.execute(sa.update(posts).where(posts.c.id == keep).values(**values))


def _rebuild_rollups(bind, programs: list) -> None:
    selected = {"programs": programs}
    expanding = [sa.bindparam("programs", expanding=True, type_=sa.Uuid())]
    for table in ("program_post_rollup_changes", "program_post_rollups", "post_rollups"):
        rows = sa.table(table, sa.column("program_id", sa.Uuid()))
        bind.execute(sa.delete(rows).where(rows.c.program_id.in_(programs)))
    postgres = bind.dialect.name == "postgresql"
    month = (
        "date_trunc('month', published_on)::date"
        if postgres
        else "date(published_on, 'start of month')"
    )
    for dimension, column in (("all", None), ("platform", "platform"), ("format", "format")):
        every = column is None
        fill = _FILL.format(
            month=month,
            dimension=dimension,
            key="''" if every else column,
            group="" if every else f", {column}",
            platforms=_bit_set("platform", _PLATFORMS) if every else "0",
            formats=_bit_set("format", _FORMATS) if every else "0",
        )
        bind.execute(sa.text(fill).bindparams(*expanding), selected)
    bind.execute(sa.text(_FILL_PROGRAM).bindparams(*expanding), selected)


def downgrade() -> None:
    _without_engagements_index(_url_unique)


def _url_unique(batch_op) -> None:
    batch_op.drop_constraint("uq_posts_program_id_post_key", type_="unique")
    batch_op.drop_column("post_key")
    batch_op.create_unique_constraint(
        batch_op.f("uq_posts_program_id_normalized_url"), ["program_id", "normalized_url"]
    )
