#include "library_panel.h"

#include "app_style.h"

#include <QCursor>
#include <QLineEdit>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace pw::gui {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kCountRole = Qt::UserRole + 1;

struct RowColors {
    QColor text;
    QColor muted;
    QColor groupText;
    QColor selected;
    QColor hover;
    QColor accent;
};

const RowColors kLightRows{QColor(0x1f, 0x23, 0x28), QColor(0x6e, 0x77, 0x81), QColor(0x57, 0x60, 0x6a),
                           QColor(0xe6, 0xef, 0xfd), QColor(0xf3, 0xf5, 0xf8), QColor(0x2f, 0x6f, 0xdf)};
const RowColors kDarkRows{QColor(0xe6, 0xe8, 0xeb), QColor(0x8b, 0x94, 0x9e), QColor(0xa6, 0xae, 0xb8),
                          QColor(0x1f, 0x3a, 0x5f), QColor(0x2a, 0x2f, 0x35), QColor(0x5a, 0x9c, 0xf0)};

/// The dark theme (gui/theme.h) gives the list a dark base colour.
const RowColors& rowColors(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128 ? kDarkRows : kLightRows;
}

QFont idFont(const QFont& base)
{
    QFont f = monospaceFont(8);
    f.setPointSizeF(base.pointSizeF() * 0.82);
    return f;
}

/// The view can keep a stale hover index after a layout change (offscreen screenshots show it).
bool underCursor(const QWidget* view)
{
    return view && view->rect().contains(view->mapFromGlobal(QCursor::pos()));
}

/// Group rows as small headings; scenario rows as a title and, under it, the id in monospace.
class ScenarioDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        const QFontMetrics fm(option.font);
        if (!index.parent().isValid())
            return {option.rect.width(), fm.height() + 16};
        return {option.rect.width(), fm.height() + QFontMetrics(idFont(option.font)).height() + 13};
    }

    void paint(QPainter* p, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        p->save();
        const QRect r = option.rect;
        const RowColors& c = rowColors(option.palette);
        if (!index.parent().isValid()) {
            QFont f = option.font;
            f.setBold(true);
            p->setFont(f);
            p->setPen(c.groupText);
            const QRect text = r.adjusted(10, 8, -10, 0);
            p->drawText(text, Qt::AlignLeft | Qt::AlignVCenter, index.data().toString());
            p->setPen(c.muted);
            p->setFont(option.font);
            p->drawText(text, Qt::AlignRight | Qt::AlignVCenter, index.data(kCountRole).toString());
            p->restore();
            return;
        }
        const bool selected = option.state & QStyle::State_Selected;
        if (selected)
            p->fillRect(r, c.selected);
        else if ((option.state & QStyle::State_MouseOver) && underCursor(option.widget))
            p->fillRect(r, c.hover);
        if (selected)
            p->fillRect(QRect(r.left(), r.top() + 3, 3, r.height() - 6), c.accent);

        const QRect inner = r.adjusted(18, 5, -10, -5);
        const QFontMetrics fm(option.font);
        p->setFont(option.font);
        p->setPen(c.text);
        p->drawText(QRect(inner.left(), inner.top(), inner.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                    fm.elidedText(index.data().toString(), Qt::ElideRight, inner.width()));
        const QFont small = idFont(option.font);
        p->setFont(small);
        p->setPen(selected ? c.accent : c.muted);
        p->drawText(QRect(inner.left(), inner.top() + fm.height() + 1, inner.width(), QFontMetrics(small).height()),
                    Qt::AlignLeft | Qt::AlignVCenter, index.data(kIdRole).toString());
        p->restore();
    }
};

int groupRank(const QString& group)
{
    const QStringList order = LibraryPanel::groupOrder();
    const auto at = order.indexOf(group);
    if (at >= 0)
        return static_cast<int>(at);
    return group == QLatin1String("Other") ? 1'000'000 : static_cast<int>(order.size());
}

} // namespace

LibraryPanel::LibraryPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("libraryPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("librarySearch"));
    m_search->setPlaceholderText(tr("Search scenarios"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);

    m_tree = new QTreeWidget;
    m_tree->setObjectName(QStringLiteral("library"));
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(0);
    m_tree->setItemsExpandable(false);
    m_tree->setUniformRowHeights(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_tree->setItemDelegate(new ScenarioDelegate(m_tree));
    m_tree->viewport()->setAttribute(Qt::WA_Hover);
    layout->addWidget(m_tree, 1);

    connect(m_search, &QLineEdit::textChanged, this, &LibraryPanel::setFilter);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        const QString id = item ? item->data(0, kIdRole).toString() : QString();
        if (!m_updating && !id.isEmpty())
            emit scenarioSelected(id);
    });
}

QStringList LibraryPanel::groupOrder()
{
    return {QStringLiteral("Basics"),  QStringLiteral("Coffee and toast"),   QStringLiteral("Blocking"),
            QStringLiteral("Mutexes"), QStringLiteral("Select and timeout"), QStringLiteral("Executors")};
}

void LibraryPanel::setScenarios(const QList<ScenarioInfo>& scenarios)
{
    m_updating = true;
    m_tree->clear();
    std::map<std::pair<int, QString>, QList<const ScenarioInfo*>> groups;
    for (const ScenarioInfo& s : scenarios)
        groups[{groupRank(s.group), s.group}] << &s;
    for (const auto& [key, members] : groups) {
        auto* group = new QTreeWidgetItem(m_tree, {key.second});
        group->setFlags(Qt::ItemIsEnabled);
        group->setData(0, kCountRole, QString::number(members.size()));
        for (const ScenarioInfo* s : members) {
            auto* item = new QTreeWidgetItem(group, {s->title});
            item->setData(0, kIdRole, s->id);
            item->setToolTip(0, QStringLiteral("<b>%1</b><br><code>%2</code><p>%3</p>")
                                    .arg(s->title.toHtmlEscaped(), s->id.toHtmlEscaped(),
                                         s->description.toHtmlEscaped().replace(QLatin1Char('\n'), QLatin1Char(' '))));
        }
    }
    m_tree->expandAll();
    setFilter(m_search->text());
    m_updating = false;
}

void LibraryPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_tree->scrollToTop();
    if (QTreeWidgetItem* item = m_tree->currentItem())
        m_tree->scrollToItem(item);
}

QTreeWidgetItem* LibraryPanel::itemFor(const QString& id) const
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i)
            if (group->child(i)->data(0, kIdRole).toString() == id)
                return group->child(i);
    }
    return nullptr;
}

bool LibraryPanel::setCurrentScenario(const QString& id)
{
    QTreeWidgetItem* item = itemFor(id);
    if (!item)
        return false;
    m_updating = true;
    m_tree->setCurrentItem(item);
    if (isVisible()) // before the first layout the view would scroll too far; showEvent scrolls
        m_tree->scrollToItem(item);
    m_updating = false;
    return true;
}

QString LibraryPanel::currentScenario() const
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    return item && item->isSelected() ? item->data(0, kIdRole).toString() : QString();
}

void LibraryPanel::clearSelection()
{
    m_updating = true;
    m_tree->setCurrentItem(nullptr);
    m_tree->clearSelection();
    m_updating = false;
}

void LibraryPanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void LibraryPanel::setFilter(const QString& text)
{
    if (m_search->text() != text) {
        m_search->setText(text); // comes back here through textChanged
        return;
    }
    const QString needle = text.trimmed();
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const bool match = needle.isEmpty() ||
                               item->data(0, kIdRole).toString().contains(needle, Qt::CaseInsensitive) ||
                               item->text(0).contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

QStringList LibraryPanel::visibleScenarios() const
{
    QStringList ids;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        const QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i)
            if (!group->isHidden() && !group->child(i)->isHidden())
                ids << group->child(i)->data(0, kIdRole).toString();
    }
    return ids;
}

} // namespace pw::gui
