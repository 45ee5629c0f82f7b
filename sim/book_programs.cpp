#include "book_programs.h"

#include "runtime/basic_futures.h"
#include "runtime/join.h"
#include "runtime/join_handle.h"

namespace pw::book {

namespace {
constexpr SimDuration secs(std::int64_t s)
{
    return SimDuration::seconds(s);
}

std::vector<FuturePtr> steps(Runtime& rt, CoffeeToastOptions o)
{
    std::vector<FuturePtr> v;
    v.push_back(prepCoffeeMug(rt, o).boxed());
    v.push_back(makeCoffee(rt, o).boxed());
    v.push_back(makeToast(rt, o).boxed());
    return v;
}

Async person(Runtime& rt, CoffeeToastOptions o)
{
    co_await tokioJoin(steps(rt, o));
    co_return Value();
}
} // namespace

Async prepCoffeeMug(Runtime& rt, CoffeeToastOptions o)
{
    if (o.yieldFirst)
        co_await sleep(rt, SimDuration::millis(100));
    rt.println("Pouring milk...");
    co_await threadSleep(secs(3));
    rt.println("Milk poured.");
    rt.println("Putting instant coffee...");
    co_await threadSleep(secs(3));
    rt.println("Instant coffee put.");
    co_return Value();
}

Async makeCoffee(Runtime& rt, CoffeeToastOptions o)
{
    rt.println("boiling kettle...");
    co_await sleep(rt, o.kettle);
    rt.println("kettle boiled.");
    rt.println("pouring boiled water...");
    co_await threadSleep(secs(3));
    rt.println("boiled water poured.");
    co_return Value();
}

Async makeToast(Runtime& rt, CoffeeToastOptions o)
{
    rt.println("putting bread in toaster...");
    co_await sleep(rt, o.toaster);
    rt.println("bread toasted.");
    rt.println("buttering toasted bread...");
    co_await threadSleep(secs(5));
    rt.println("toasted bread buttered.");
    co_return Value();
}

Async coffeeToastMain(Runtime& rt, CoffeeToastOptions o)
{
    const SimTime start = rt.now();
    co_await tokioJoin(steps(rt, o));
    const SimDuration elapsed = rt.now() - start;
    rt.println("It took: " + std::to_string(elapsed.ns / 1'000'000'000) + " seconds");
    co_return Value();
}

Async personsMain(Runtime& rt, int persons, bool joined, CoffeeToastOptions o)
{
    const SimTime start = rt.now();
    if (joined) {
        std::vector<FuturePtr> handles;
        for (int i = 0; i < persons; ++i)
            handles.push_back(joinHandle(rt, rt.spawn(person(rt, o).boxed(), "person-" + std::to_string(i + 1))));
        co_await tokioJoin(std::move(handles));
    } else {
        for (int i = 0; i < persons; ++i)
            co_await joinHandle(rt, rt.spawn(person(rt, o).boxed(), "person-" + std::to_string(i + 1)));
    }
    const SimDuration elapsed = rt.now() - start;
    rt.println("It took: " + std::to_string(elapsed.ns / 1'000'000'000) + " seconds");
    co_return Value();
}

} // namespace pw::book
