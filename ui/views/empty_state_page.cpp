#include "views/empty_state_page.h"

#include <QLabel>
#include <QVBoxLayout>

namespace berth::ui {

EmptyStatePage::EmptyStatePage(const QString& title, const QString& message, QWidget* parent) : QWidget(parent) {
    auto* heading = new QLabel(title, this);
    QFont f = heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.5);
    f.setBold(true);
    heading->setFont(f);
    heading->setAlignment(Qt::AlignCenter);
    auto* text = new QLabel(message, this);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setMaximumWidth(520);
    text->setForegroundRole(QPalette::PlaceholderText);
    auto* layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(heading);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    layout->addStretch();
}

} // namespace berth::ui
