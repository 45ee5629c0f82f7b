// join!, try_join! and join_all: several futures polled concurrently inside one task.
//
// Policy:
// - tokio::join! (tokio 1.24 macros/join.rs): each poll starts at a rotating index (0, 1, 2,
//   ... wrapping) and polls every unfinished branch once, in order from there. That rotation
//   is why the books' coffee-and-toast prints the kettle before the toast in its second round.
// - futures::join! and join_all: every poll starts at branch 0.
// - try_join!: like tokio::join!, but the first branch that completes with Err ends the whole
//   join with that Err; the other branches are dropped (cancelled).
// A branch that blocks the thread (Blocked) interrupts the round; the next poll continues the
// same round at that branch rather than starting a new one.
// Output: a tuple of the branches' outputs (try_join!: Ok(tuple) or the first Err).
#pragma once

#include "future.h"

#include <optional>
#include <vector>

namespace pw {

enum class JoinKind : std::uint8_t { TokioJoin, FuturesJoin, TryJoin };

class Join final : public Future {
public:
    Join(JoinKind kind, std::vector<FuturePtr> branches);
    Poll poll(Context& cx) override;
    std::string describe() const override;

private:
    JoinKind m_kind;
    std::vector<FuturePtr> m_branches;
    std::vector<std::optional<Value>> m_outputs;
    std::uint32_t m_skipNextTime = 0;
    // The round in progress (survives a Blocked branch).
    bool m_inRound = false;
    std::uint32_t m_index = 0;
    std::uint32_t m_toRun = 0;
    bool m_anyPending = false;
};

FuturePtr tokioJoin(std::vector<FuturePtr> branches);
FuturePtr futuresJoin(std::vector<FuturePtr> branches);
FuturePtr tryJoin(std::vector<FuturePtr> branches);
/// futures::future::join_all: polls all, in order, every time; output is a tuple (Vec).
FuturePtr joinAll(std::vector<FuturePtr> futures);

} // namespace pw
