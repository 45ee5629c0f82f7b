#include "coffee_toast_source.h"

#include <QStringList>

namespace pw::gui {

namespace {
// 002_9c4440bd59da2706.txt, "Async Rust" ch. 2: the imports, the three steps and main.
// @ATTR@ and @YIELD@ are replaced (or removed) according to the options.
constexpr const char* kListing = R"(use std::time::Duration;
use tokio::time::sleep;
use std::thread;
use std::time::Instant;

async fn prep_coffee_mug() {
@YIELD@
    println!("Pouring milk...");
    thread::sleep(Duration::from_secs(3));
    println!("Milk poured.");
    println!("Putting instant coffee...");
    thread::sleep(Duration::from_secs(3));
    println!("Instant coffee put.");
}

async fn make_coffee() {
    println!("boiling kettle...");
    sleep(Duration::from_secs(10)).await;
    println!("kettle boiled.");
    println!("pouring boiled water...");
    thread::sleep(Duration::from_secs(3));
    println!("boiled water poured.");
}

async fn make_toast() {
    println!("putting bread in toaster...");
    sleep(Duration::from_secs(10)).await;
    println!("bread toasted.");
    println!("buttering toasted bread...");
    thread::sleep(Duration::from_secs(5));
    println!("toasted bread buttered.");
}

@ATTR@
async fn main() {
    let start_time = Instant::now();
    let coffee_mug_step = prep_coffee_mug();
    let coffee_step = make_coffee();
    let toast_step = make_toast();

    tokio::join!(coffee_mug_step, coffee_step, toast_step);
    let elapsed_time = start_time.elapsed();
    println!("It took: {} seconds", elapsed_time.as_secs());
}
)";

QString attribute(const RunOptions& o)
{
    if (o.flavor == RunFlavor::CurrentThread)
        return QStringLiteral("#[tokio::main(flavor = \"current_thread\")]");
    if (o.workers == 4) // Pinwheel's default worker count: the book's plain attribute
        return QStringLiteral("#[tokio::main]");
    return QStringLiteral("#[tokio::main(flavor = \"multi_thread\", worker_threads = %1)]").arg(o.workers);
}
} // namespace

ProgramSource coffeeToastSource(const RunOptions& options)
{
    ProgramSource source;
    QStringList out;
    const QStringList lines = QString::fromUtf8(kListing).split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (line == QLatin1String("@YIELD@")) {
            if (!options.yieldFirst)
                continue;
            source.changedLines << static_cast<int>(out.size());
            out << QStringLiteral("    sleep(Duration::from_millis(100)).await;");
        } else if (line == QLatin1String("@ATTR@")) {
            const QString attr = attribute(options);
            if (attr != QLatin1String("#[tokio::main]"))
                source.changedLines << static_cast<int>(out.size());
            out << attr;
        } else {
            out << line;
        }
    }
    while (!out.isEmpty() && out.back().isEmpty())
        out.removeLast();
    source.text = out.join(QLatin1Char('\n'));
    return source;
}

} // namespace pw::gui
