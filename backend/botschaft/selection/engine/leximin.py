"""LEXIMIN (and MAXIMIN as its first stage) by column generation over type-count panels.

Follows Flanigan, Gölz, Gupta, Hennig and Procaccia (Nature 596, 2021): the dual LP gives
weights per type; the pricing ILP finds the panel that most violates the dual; once no panel
improves, the types whose dual weight is positive are fixed at the current minimum and the
next level is maximised. Probabilities are per type (people of one type are interchangeable).

For big pools (hundreds of types) plain column generation tails off: each level here stops
when the restricted LP is within LEVEL_TOL of the best Lagrangian (dual) bound, prices at
smoothed duals and adds several panels per LP solve (see bench/selection in docs/benchmarks.md).
Pricing tries the swap search first (swaps.py: milliseconds where one ILP takes up to half a
second); the exact ILP runs when the search finds no improving panel or stalls, and for the
bounds that end a level.

A run never raises (see `leximin`): it stops its column generation at 90 % of the time limit
(POLISH_SHARE), keeps every level proven by then, and `exact` re-solves the levels over the
panels found without working slack, so the probabilities are the final distribution's own and
exact where the optimum is (k/n on the paper's examples).
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from .grouping import Types
from .panels import INF, PanelSolver, SolverError, Timeout, cover, new_highs, set_limit, stopped
from .relaxation import relaxed_level
from .swaps import SwapSearch
from .uniform import uniform_design
from .walk import walk_panels

EPS = 1e-7
# Working slack of a fixed level while columns are generated (the final re-solve has none).
EPS_FIX = 1e-6
# A level stops when the restricted LP's z is within LEVEL_TOL of the best dual bound.
LEVEL_TOL = 1e-6
# From this many unfixed types on, the LP re-solves dominate: smooth the duals and take a few
# extra columns per LP solve. Below it, plain column generation is quicker (cheap LPs, and
# smoothing costs a few extra pricing ILPs at the end of every level).
BIG = 200
ALPHA = 0.8  # weight of the stability centre when smoothing
CHAIN = 2  # extra pricing ILPs per LP solve on big levels
CHAIN_ETA = 1.0
# Share of the time limit kept for the final exact re-solve (see `exact`), at most POLISH_MAX s.
POLISH_SHARE = 0.1
POLISH_MAX = 30.0
# Feasibility tolerances of the final re-solve (HiGHS defaults to 1e-7).
EXACT_TOL = 1e-10
# Panel weights below this are dropped before the distribution is renormalised.
WEIGHT_FLOOR = 1e-12
# Swap-search pricing: local searches per LP solve, each from one of the best panels known.
SWAP_STARTS = 3
SWAP_CHAIN = 6  # damped searches after a successful one (see swap_priced)
SWAP_ROUNDS = 5  # swap-priced rounds before checking their progress
SWAP_STALL = 1e-3
# On levels that are not big, the swap search only pays where pricing ILPs are slow (on
# correlated-500 they take 0.02 s, and the search's extra panels made every LP slower).
SWAP_ILP = 0.05
# Time for looking for a design that gives everyone k/n (uniform.py) before column generation:
# it takes milliseconds where it succeeds, so a short share of the limit is plenty.
DESIGN_SHARE = 0.1
DESIGN_MAX = 5.0
# From this many types on, column generation starts from the panels of walk.py (the
# relaxation's LEXIMIN decomposed), given at most WALK_SHARE of the limit (WALK_MAX s).
WALK_TYPES = BIG
WALK_SHARE = 0.3
WALK_MAX = 20.0


@dataclass
class Outcome:
    """What a LEXIMIN/MAXIMIN (or NASH) run ends with; it never ends with an exception."""

    status: str  # optimal | time_limit | infeasible | failed
    panels: list[np.ndarray]
    weights: np.ndarray  # over panels, >= 0, summing to 1
    probs: np.ndarray  # per type, computed from the weights
    levels: list[tuple[list[int], float]] = field(default_factory=list)  # proven: types, level
    message: str = ""


def settle(types: Types, panels: list[np.ndarray], weights) -> tuple[np.ndarray, np.ndarray]:
    """A clean distribution and the probabilities it implies: tiny or negative weights dropped,
    the rest renormalised to sum to 1, each type's probability the weighted share of its members
    on the panels (never an LP level value, which may sit a tolerance away)."""
    m = len(panels)
    w = np.zeros(m)
    if weights is not None:
        given = np.nan_to_num(np.asarray(weights, dtype=float)[:m])
        w[: len(given)] = given
    w[w < WEIGHT_FLOOR] = 0.0
    if w.sum() <= 0:
        w[:] = 1.0  # nothing proven yet: every panel found meets the quotas
    w = w / w.sum()
    A = np.array(panels, dtype=float).T / types.counts[:, None]
    return w, np.clip(A @ w, 0.0, 1.0)


class Columns:
    """The panels found, also as one matrix (rows: panels), for scoring them at new weights."""

    def __init__(self, types: Types) -> None:
        self.types = types
        self.search = SwapSearch(types)
        self.list: list[np.ndarray] = []
        self.seen: set[bytes] = set()
        self._matrix = np.zeros((0, len(types.counts)))

    def add(self, x: np.ndarray) -> bool:
        key = x.astype(np.int64).tobytes()
        if key in self.seen:
            return False
        self.seen.add(key)
        self.list.append(x)
        return True

    def matrix(self) -> np.ndarray:
        if len(self._matrix) < len(self.list):
            new = np.array(self.list[len(self._matrix) :], dtype=float)
            self._matrix = np.vstack([self._matrix, new])
        return self._matrix

    def searched(self, w: np.ndarray, starts: int = SWAP_STARTS) -> list[np.ndarray]:
        """Local optima of w·x from the `starts` best panels known at w, best first."""
        P = self.matrix()
        if not len(P):
            return []
        order = np.argsort(-(P @ w), kind="stable")[:starts]
        found = [self.search.improve(P[i], w, 2 * self.types.k) for i in order]
        return sorted(found, key=lambda x: -float(x @ w))


def swap_priced(
    columns: Columns, y: np.ndarray, yhat: float, unfixed, chain: int
) -> list[np.ndarray]:
    """New panels from the swap search that improve the restricted LP at its dual y. A level
    on a big pool needs hundreds of panels in its optimum's support, so after the searches at
    y, a short chain (`chain` searches) damps the types the last panel took (multiplicative
    weights, as CHAIN) for more, different panels per LP solve."""
    counts = columns.types.counts
    found = []

    def keep(x: np.ndarray) -> None:
        if float(x / counts @ y) > yhat + EPS and columns.add(x):
            found.append(x)

    for x in columns.searched(y / counts):
        keep(x)
    if not found:
        return found
    point = y.copy()
    x = found[0]
    for _ in range(chain):
        point = point * np.exp(-CHAIN_ETA * x / counts)
        point /= point[unfixed].sum()
        x = columns.searched(point / counts, 1)[0]
        keep(x)
    return found


class PrimalRMP:
    """The restricted master LP in primal form: max z over panel weights, one column per panel.

    Adding a panel adds a column, so the basis keeps n + 1 rows however many panels there are
    and primal simplex restarts from the previous optimum (the dual form grew a row per panel
    and its re-solves dominated the run time on big pools). One LP serves every level
    (`begin`): the types a level fixed are held by changing their rows' bounds, so the next
    level starts from the last basis (a new LP per level cost a cold solve of 0.5 s each on
    many_small-500, whose 35 levels mostly need one solve).
    """

    def __init__(self, types: Types, fixed: dict[int, float], unfixed: np.ndarray, time_limit):
        n = len(types.counts)
        self.n, self.counts, self.fixed = n, types.counts, fixed
        self.unfixed = unfixed
        self.columns = 0
        h = new_highs(time_limit)
        h.setOptionValue("simplex_strategy", 4)  # primal simplex: warm after adding columns
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        lo = np.zeros(n + 1)
        for t, f in fixed.items():
            lo[t] = f - EPS_FIX
        lo[n] = 1.0
        up = np.full(n + 1, INF)
        up[n] = 1.0
        # rows 0..n-1: sum_j a_jt w_j - [t unfixed] z >= lo_t ; row n: sum_j w_j = 1
        for t in range(n):
            h.addRow(lo[t], up[t], 0, np.array([], dtype=np.int32), np.array([]))
        h.addRow(1.0, 1.0, 0, np.array([], dtype=np.int32), np.array([]))
        h.addVar(-INF, INF)  # z
        h.changeColCost(0, 1.0)
        for t in unfixed:
            h.changeCoeff(int(t), 0, -1.0)
        self.h = h

    def add(self, x: np.ndarray) -> None:
        nz = np.flatnonzero(x)
        rows = np.append(nz, self.n).astype(np.int32)
        vals = np.append(x[nz] / self.counts[nz], 1.0)
        self.h.addCol(0.0, 0.0, 1.0, len(rows), rows, vals)
        self.columns += 1

    def begin(self, unfixed: np.ndarray) -> None:
        """A new level over `unfixed`: the types fixed since the last one (in self.fixed) are
        held at their level minus the working slack, and no longer bound z."""
        for t in np.setdiff1d(self.unfixed, unfixed):
            self.h.changeCoeff(int(t), 0, 0.0)
            self.h.changeRowBounds(int(t), self.fixed[int(t)] - EPS_FIX, INF)
        self.unfixed = unfixed

    def solve(self, time_limit: float):
        """Optimum of the restricted LP; its panel weights stay in self.weights (a distribution
        that keeps every fixed level and gives the unfixed types at least z)."""
        h = self.h
        started = time.monotonic()
        set_limit(h, time_limit)
        h.run()
        if h.getModelStatus() == highspy.HighsModelStatus.kUnknown:
            # Numerical trouble of the warm start (independent-2,000 balanced, at a level that
            # differs from run to run): once more from scratch, within the same time.
            h.clearSolver()
            set_limit(h, time_limit - (time.monotonic() - started))
            h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise stopped(h.getModelStatus())
        z = float(h.getInfo().objective_function_value)
        solution = h.getSolution()
        self.weights = np.array(solution.col_value[1:])
        dual = np.array(solution.row_dual)
        y = dual[: self.n]
        if len(self.unfixed) and y[self.unfixed].sum() < 0:
            y = -y
        y = np.clip(y, 0, None)
        fixed_part = sum((f - EPS_FIX) * y[t] for t, f in self.fixed.items())
        return y, z + fixed_part, z


def exact(
    types: Types,
    panels: list[np.ndarray],
    preset: dict[int, float],
    levels: list[tuple[list[int], float]],
    finish: bool,
    deadline: float,
) -> tuple[np.ndarray, list[tuple[list[int], float]], list[np.ndarray]]:
    """Re-solves the proven levels over the panels found, without working slack and with tight
    tolerances: for each level in turn the largest z that every type not fixed yet can have,
    then the level's types are held at that z. Where the optimum is exact (k/n for everyone on
    the paper's examples) this gives it to about 1e-10, where column generation left each level
    up to EPS_FIX low and the shortfalls piled up on someone else. Each level first prices at
    its exact duals for a while (the last panels a level stopped LEVEL_TOL short of: on the
    generated 2,000-person pool one panel took 0.0999996 to 0.1). With `finish`, a last LP
    lifts the types no level fixed (a run stopped early, or MAXIMIN). Returns panel weights,
    the levels' exact values and the panels (those given, then any priced here); raises
    Timeout or SolverError (the caller then keeps the column generation's distribution)."""
    n = len(types.counts)
    cols = list(panels)
    seen = {x.astype(np.int64).tobytes() for x in cols}
    start = time.monotonic()
    price_until = start + 0.5 * (deadline - start)  # leave the LPs of later levels their time
    # Gaps here are about 1e-6 of a level: an ILP stopped at its default relative gap (1e-4)
    # would not find the panel that closes them.
    pricing: PanelSolver | None = PanelSolver(types, gap=1e-9)
    h = new_highs(deadline - start)
    h.setOptionValue("primal_feasibility_tolerance", EXACT_TOL)
    h.setOptionValue("dual_feasibility_tolerance", EXACT_TOL)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    open_ = np.array([t not in preset for t in range(n)])
    lo = np.array([preset.get(t, 0.0) for t in range(n)] + [1.0])
    up = np.append(np.full(n, INF), 1.0)
    # rows 0..n-1: sum_j a_jt w_j - [t open] z >= lo_t ; row n: sum_j w_j = 1
    h.addRows(n + 1, lo, up, 0, np.array([], dtype=np.int32), np.array([], dtype=np.int32), [])
    h.addVar(0.0, 1.0)  # z, a probability
    h.changeColCost(0, 1.0)
    for t in np.flatnonzero(open_):
        h.changeCoeff(int(t), 0, -1.0)
    starts, rows, vals = [], [], []
    for x in cols:
        nz = np.flatnonzero(x)
        starts.append(len(rows))
        rows.extend([*nz.tolist(), n])
        vals.extend([*(x[nz] / types.counts[nz]).tolist(), 1.0])
    h.addCols(
        len(cols),
        np.zeros(len(cols)),
        np.zeros(len(cols)),
        np.ones(len(cols)),
        len(rows),
        np.array(starts, dtype=np.int32),
        np.array(rows, dtype=np.int32),
        np.array(vals),
    )

    def solve() -> float:
        nonlocal pricing
        while True:
            set_limit(h, deadline - time.monotonic())
            h.run()
            if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                raise stopped(h.getModelStatus())
            solution = h.getSolution()
            z = float(solution.col_value[0])
            if pricing is None or time.monotonic() >= price_until:
                return z
            y = np.array(solution.row_dual[:n])
            if y[open_].sum() < 0:
                y = -y
            y = np.clip(y, 0, None)
            try:
                found = pricing.best(y / types.counts, price_until - time.monotonic())
            except (Timeout, SolverError):
                pricing = None  # the panels found so far will do
                return z
            if found is None:
                return z
            x = found[0]
            key = x.astype(np.int64).tobytes()
            # An improving panel beats z plus the fixed levels' share at these duals.
            if float(x / types.counts @ y) <= z + float(lo[:n][~open_] @ y[~open_]) + EXACT_TOL:
                return z
            if key in seen:
                return z
            seen.add(key)
            cols.append(x)
            nz = np.flatnonzero(x)
            idx = np.append(nz, n).astype(np.int32)
            h.addCol(0.0, 0.0, 1.0, len(idx), idx, np.append(x[nz] / types.counts[nz], 1.0))

    seats = float(types.counts @ lo[:n])
    weights = None
    values: list[tuple[list[int], float]] = []
    steps = [group for group, _ in levels] + ([None] if finish else [])
    for group in steps:
        if not open_.any():
            break
        z = solve()
        weights = np.array(h.getSolution().col_value[1:])
        if group is None:
            break
        # Probabilities sum to k: when every open type at z uses up the seats, none can rise.
        if seats + z * float(types.counts[open_].sum()) >= types.k - 1e-9 * types.k:
            group = np.flatnonzero(open_).tolist()
        values.append(([int(t) for t in group if open_[t]], z))
        for t in group:
            if open_[t]:
                open_[t] = False
                lo[t] = z
                h.changeCoeff(int(t), 0, 0.0)
                h.changeRowBounds(int(t), z, INF)
                seats += z * float(types.counts[t])
    if weights is None:  # every type preset (all pinned or unselectable): any panel will do
        weights = np.ones(len(cols))
    elif not finish and values:
        with contextlib.suppress(Timeout, SolverError):  # the levels hold without it
            weights = _spread(h, types, np.array(cols, dtype=float), values, deadline)
    return weights, [(group, z) for group, z in values if group], cols


def _spread(h: highspy.Highs, types: Types, X: np.ndarray, values, deadline: float) -> np.ndarray:
    """With every type held at its level, the seats the levels leave over (the levels' own
    tolerance, or a level column generation stopped up to LEVEL_TOL short of) would all go to
    the few types of one LP vertex: 0.1005 for one person where everyone else has 0.1. This
    LP keeps every level and gives the rest out evenly: it minimises u, the largest amount by
    which a probability exceeds its level."""
    m = len(X)
    u = h.getNumCol()
    h.addVar(0.0, 1.0)
    h.changeColCost(0, 0.0)
    h.changeColCost(u, -1.0)  # maximise -u
    A = X.T / types.counts[:, None]
    for group, z in values:
        for t in group:
            idx = np.flatnonzero(A[t])
            cols = np.append(idx + 1, u).astype(np.int32)
            h.addRow(-INF, z, len(cols), cols, np.append(A[t, idx], -1.0))
    set_limit(h, deadline - time.monotonic())
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise stopped(h.getModelStatus())
    return np.array(h.getSolution().col_value[1 : 1 + m])


def everyone_equal(types: Types, design: list[np.ndarray]) -> Outcome:
    """The outcome of a design (uniform.py): its panels equally likely (a panel found twice
    counts twice), everyone at k/n, one level holding every type."""
    unique: dict[bytes, list] = {}
    for x in design:
        unique.setdefault(x.astype(np.int64).tobytes(), [x, 0.0])[1] += 1.0
    panels = [x for x, _ in unique.values()]
    weights, probs = settle(types, panels, [times for _, times in unique.values()])
    level = types.k / float(types.counts.sum())
    return Outcome("optimal", panels, weights, probs, [(list(range(len(types.counts))), level)])


def leximin(types: Types, deadline: float, levels: int | None = None) -> Outcome:
    """LEXIMIN, or its first `levels` levels (1: MAXIMIN). Never raises: a run that reaches the
    time limit or a solver failure ends with the distribution proven so far (every level fixed
    until then kept, so never below MAXIMIN once its level is proven), and a status saying so."""
    n = len(types.counts)
    span = max(deadline - time.monotonic(), 0.0)
    # Everyone at k/n is the optimum wherever a lottery achieves it; a design finds one directly.
    design = uniform_design(types, time.monotonic() + min(DESIGN_SHARE * span, DESIGN_MAX))
    if design is not None:
        return everyone_equal(types, design)
    # Column generation stops early enough to leave the exact re-solve its share of the time.
    span = max(deadline - time.monotonic(), 0.0)
    search_end = deadline - min(POLISH_SHARE * span, POLISH_MAX)
    solver = PanelSolver(types)

    def remaining() -> float:
        r = search_end - time.monotonic()
        if r <= 0:
            raise Timeout("time limit")
        return r

    fixed: dict[int, float] = {
        t: 1.0 for t in range(n) if types.lower[t] == types.counts[t] and types.lower[t] > 0
    }
    columns = Columns(types)
    panels, add = columns.list, columns.add
    proven: list[tuple[list[int], float]] = []
    known = None  # panel weights of the last distribution an LP proved
    status, message = "optimal", ""

    try:
        first = solver.best(np.zeros(n), remaining())
        if first is None:
            return Outcome("infeasible", [], np.array([]), np.zeros(n))
        add(first[0])
        if n >= WALK_TYPES:
            walk_end = min(search_end, time.monotonic() + min(WALK_SHARE * span, WALK_MAX))
            for x in walk_panels(types, walk_end):
                add(x)
        # Cover every selectable type first: otherwise the first level spends one iteration per
        # uncovered type at z = 0. Types no panel can take are fixed at 0 right away. The
        # walk's panels count: on many_small-2,000 they leave no type uncovered, where the
        # first panel alone left 20 ILPs of about a second each to cover them.
        covered = cover(solver, panels, add, remaining)
        for t in np.flatnonzero(~covered):
            fixed[int(t)] = 0.0
        # Seed columns: with few types, a panel per type favouring it (helps warm-up).
        for t in range(n if n <= 8 else 0):
            if t in fixed:
                continue
            w = np.full(n, 1e-3)
            w[t] = 1.0
            res = solver.best(w / types.counts, remaining())
            if res is not None:
                add(res[0])
        level = 0
        rmp = None
        while len(fixed) < n and (levels is None or level < levels):
            level += 1
            unfixed = np.array([t for t in range(n) if t not in fixed], dtype=np.int32)
            cost = np.zeros(n)
            for t, f in fixed.items():
                cost[t] = -(f - EPS_FIX)
            if rmp is None:
                rmp = PrimalRMP(types, fixed, unfixed, remaining())
            rmp.begin(unfixed)
            for x in panels[rmp.columns :]:
                rmp.add(x)

            def bound(y: np.ndarray, cost=cost) -> tuple[float, np.ndarray]:
                # Any y >= 0 with sum_unfixed y = 1 bounds this level's optimum from above
                # (Lagrangian bound): max_P a_P·y - sum_fixed (f_t - eps) y_t.
                w = y / types.counts
                hint = columns.searched(w, 1)
                res = solver.best(w, remaining(), hint[0] if hint else None)
                if res is None:
                    raise SolverError("a feasible pricing problem was reported infeasible")
                # The ILP's dual bound, not its panel's value: HiGHS stops within a relative
                # gap of 1e-4, and a panel up to that far below the maximum is no bound.
                return max(res[1], solver.bound) + float(cost @ y), res[0]

            # Stability centre (Wentges smoothing): the dual point with the best bound so far,
            # started at weights proportional to type size, whose bound is the average
            # probability left to the unfixed types (tight when they can all be equal).
            big = len(unfixed) >= BIG
            center = np.zeros(n)
            center[unfixed] = types.counts[unfixed] / types.counts[unfixed].sum()
            best_bound = INF
            relaxed = relaxed_level(types, fixed, EPS_FIX, remaining())
            if relaxed is not None:
                best_bound, center = relaxed
            if big:
                best_bound, x = bound(center)
                if add(x):
                    rmp.add(x)
            alpha = ALPHA if big else 0.0
            swap_rounds, streak_z = 0, -INF
            # Bound at the restricted LP's own dual, minus z: only a dual proven this way ties
            # its whole support (the relaxation's bound can end a level with y unproven).
            y_gap = INF
            while True:
                y, yhat, z = rmp.solve(remaining())
                known = rmp.weights
                if best_bound - z <= LEVEL_TOL:
                    break
                # Cheap pricing first: improving panels from the swap search need no ILP. Once
                # SWAP_ROUNDS of them raised z by under SWAP_STALL (relative), a round is exact
                # all the same: swaps get stuck in local optima, whose tiny improvements went on
                # for hundreds of rounds, and only an ILP's bound ends a level.
                stalled = False
                if swap_rounds == SWAP_ROUNDS:
                    stalled = z - streak_z < SWAP_STALL * max(z, EPS)
                    swap_rounds, streak_z = 0, z
                if not stalled and (big or solver.mean_seconds() > SWAP_ILP):
                    found = swap_priced(columns, y, yhat, unfixed, SWAP_CHAIN if big else 0)
                    for x in found:
                        rmp.add(x)
                    if found:
                        swap_rounds += 1
                        continue
                swap_rounds, streak_z = 0, z
                # Price between the centre and the restricted dual: damps the oscillation of
                # column generation's duals (its long tail on big pools).
                sep = alpha * center + (1 - alpha) * y
                added = False
                for i in range(1 + (CHAIN if big else 0)):
                    if i:
                        # More columns per LP solve, the LP re-solves being the slow part: a
                        # short multiplicative-weights chain damping the types the last panel
                        # took, keeping the panels that still improve the restricted LP.
                        sep = sep * np.exp(-CHAIN_ETA * x / types.counts)
                        sep /= sep[unfixed].sum()
                    value, x = bound(sep)
                    if i == 0 and alpha == 0.0:
                        y_gap = value - z
                    if value < best_bound:
                        best_bound, center = value, sep
                    if float(x / types.counts @ y) > yhat + EPS and add(x):
                        rmp.add(x)
                        added = True
                    if best_bound - z <= LEVEL_TOL:
                        break
                if not added:
                    if alpha == 0.0:
                        break  # no improving panel at the restricted dual: exact optimum
                    # Mis-pricing: the centre moved towards y; after a few, price at y itself.
                    alpha = alpha - 0.25 if alpha > 0.25 else 0.0
            z = min(max(z, 0.0), 1.0)
            # Types tied to z. An exact dual (y when pricing at y itself found no better panel)
            # ties its support. A dual point with bound z + g lets a type of weight y_t exceed z
            # by at most g / y_t, so of the centre only clearly weighted types are fixed now;
            # the others are left to the next level (which then finds them at about z again).
            gap = max(best_bound - z, 0.0)
            tied = center > max(EPS, gap * 1e3)
            if y_gap <= EPS:
                tied |= y > EPS
            newly = [int(t) for t in unfixed if tied[t]]
            if not newly:
                newly = [int(t) for t in unfixed if y[t] >= y[unfixed].max() - EPS]
            for t in newly:
                fixed[t] = z
            proven.append((newly, z))
    except Timeout:
        status = "time_limit"
    except SolverError as error:
        status, message = "failed", f"The solver failed ({error})."
    if not panels:
        text = "No feasible panel was found within the time limit."
        return Outcome(status, [], np.array([]), np.zeros(n), message=message or text)
    weights, probs = settle(types, panels, known)
    done = {t for group, _ in proven for t in group}
    preset = {t: f for t, f in fixed.items() if t not in done}  # pinned or never selectable
    if status != "failed":
        # The exact re-solve; where it cannot finish, the distribution above stands.
        try:
            w, exact_levels, cols = exact(types, panels, preset, proven, len(fixed) < n, deadline)
            w, p = settle(types, cols, w)
            # Never below what column generation proved (up to its tolerances: its LP may
            # overstate a level by ~1e-7, which the tight re-solve does not).
            if p.min() >= probs.min() - EPS_FIX:
                panels, weights, probs = cols, w, p
                # After a stop, the levels proven before it (the last LP lifted the rest).
                proven = exact_levels if status == "optimal" else exact_levels[: len(proven)]
        except (Timeout, SolverError):
            pass
    if status == "time_limit":
        message = (
            f"Time limit reached after {len(proven)} proven level(s) of the fairest "
            "distribution; they are kept, and everyone else has at least the level reached."
            if proven
            else "Time limit reached before the lowest level was proven; the best distribution "
            "over the panels found is returned."
        )
    elif status == "failed":
        message += f" The distribution proven until then ({len(proven)} level(s) kept) is returned."
    return Outcome(status, panels, weights, probs, proven, message)
