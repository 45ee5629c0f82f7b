// select! and timeout.
//
// Policy:
// - tokio::select! (macros/select.rs): each poll starts at a random branch (from the run's
//   seeded Rng) unless `biased;`, then polls the enabled branches in order. The first branch
//   that is Ready and whose pattern accepts the value wins: every other branch is dropped and
//   the trace records each as cancelled. A Ready value the pattern refuses disables that
//   branch. With every branch disabled the `else` branch runs (output: branch index -1).
// - tokio::time::timeout(d, f): polls f first, then the timer (deadline fixed at creation);
//   Ok(value) if f finishes first, Err("deadline has elapsed") and f dropped otherwise.
// Output of select: the tuple (branch index, value).
#pragma once

#include "basic_futures.h"

#include <functional>
#include <optional>
#include <vector>

namespace pw {

struct SelectBranch {
    FuturePtr future;
    /// The branch's pattern; empty accepts every value.
    std::function<bool(const Value&)> accepts;
};

class Select final : public Future {
public:
    Select(std::vector<SelectBranch> branches, bool biased, bool hasElse);
    Poll poll(Context& cx) override;
    std::string describe() const override;

private:
    std::vector<SelectBranch> m_branches;
    std::vector<bool> m_disabled;
    bool m_biased;
    bool m_hasElse;
    bool m_inRound = false;
    std::uint32_t m_start = 0;
    std::uint32_t m_offset = 0;
    bool m_anyPending = false;
};

class Timeout final : public Future {
public:
    Timeout(Runtime& rt, SimDuration d, FuturePtr inner);
    Poll poll(Context& cx) override;
    std::string describe() const override;

private:
    FuturePtr m_inner;
    Sleep m_delay;
};

FuturePtr select(std::vector<SelectBranch> branches, bool biased = false, bool hasElse = false);
FuturePtr timeout(Runtime& rt, SimDuration d, FuturePtr inner);

} // namespace pw
