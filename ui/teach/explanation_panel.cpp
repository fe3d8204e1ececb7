#include "teach/explanation_panel.h"

#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

namespace berth::ui {

namespace {

QLabel* richLabel(const QString& html, QWidget* parent) {
    auto* label = new QLabel(html, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    return label;
}

QString section(const QString& title, const QString& body) {
    return QStringLiteral("<h3>%1</h3>%2").arg(title, body);
}

} // namespace

ExplanationPanel::ExplanationPanel(const Explanation& text, QWidget* parent) : QWidget(parent) {
    auto* content = new QWidget;
    auto* box = new QVBoxLayout(content);
    m_english = richLabel(section(text.titleEn, text.bodyEn), content);
    m_english->setLocale(QLocale(QLocale::English));
    m_factsEn = richLabel(QString(), content);
    m_korean = richLabel(section(text.titleKo, text.bodyKo), content);
    m_korean->setLocale(QLocale(QLocale::Korean));
    m_factsKo = richLabel(QString(), content);
    box->addWidget(m_english);
    box->addWidget(m_factsEn);
    box->addSpacing(12);
    box->addWidget(m_korean);
    box->addWidget(m_factsKo);
    box->addStretch();

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    setMinimumWidth(280);
}

void ExplanationPanel::setFacts(const QString& factsEn, const QString& factsKo) {
    m_factsEn->setText(factsEn);
    m_factsKo->setText(factsKo);
}

QString ExplanationPanel::plainText() const {
    return QStringList{m_english->text(), m_factsEn->text(), m_korean->text(), m_factsKo->text()}.join(QLatin1Char('\n'));
}

Explanation imagesAndLayersExplanation() {
    Explanation e;
    e.titleEn = QStringLiteral("Images share layers");
    e.titleKo = QStringLiteral("이미지는 레이어를 공유합니다");
    e.bodyEn = QStringLiteral(
        "<p>An <b>image</b> is a read-only stack of <b>layers</b>. Each layer holds the files that one "
        "build step added, changed or deleted; a container sees them merged, the top layer winning.</p>"
        "<p>Layers are stored by their content digest. Two images built on the same base point at the "
        "<i>same</i> layer, so it is downloaded once and stored once.</p>"
        "<p>In the graph, the row of images sits above the boxes of their layers, base layer at "
        "the bottom. A layer with two arrows belongs to two images but takes disk space only once.</p>"
        "<p>Above the images are the <b>containers</b> made from them, coloured by state. Many containers "
        "can come from one image: each adds only its own thin writable layer, and removing a container "
        "leaves the image as it was.</p>"
        "<p>Try it: <code>berth history berth-demo/web</code></p>");
    e.bodyKo = QStringLiteral(
        "<p><b>이미지</b>는 읽기 전용 <b>레이어</b>를 쌓아 만든 것입니다. 각 레이어에는 빌드 단계 하나가 "
        "추가·변경·삭제한 파일이 들어 있고, 컨테이너는 이 레이어들을 겹쳐 하나로 봅니다(위 레이어가 우선).</p>"
        "<p>레이어는 내용의 다이제스트로 저장됩니다. 같은 베이스 위에 만든 두 이미지는 <i>같은</i> 레이어를 "
        "가리키므로, 그 레이어는 한 번만 내려받고 한 번만 저장됩니다.</p>"
        "<p>그래프에서 이미지 줄 아래의 상자들이 그 레이어입니다. 맨 아래가 베이스 레이어입니다. "
        "화살표가 두 개 들어오는 레이어는 두 이미지가 함께 쓰지만 디스크는 한 번만 차지합니다.</p>"
        "<p>이미지 위에는 그 이미지로 만든 <b>컨테이너</b>가 상태별 색으로 표시됩니다. 이미지 하나로 "
        "컨테이너를 여러 개 만들 수 있고, 각 컨테이너는 얇은 쓰기 가능 레이어 하나만 더합니다. 컨테이너를 "
        "삭제해도 이미지는 그대로 남습니다.</p>"
        "<p>직접 해 보기: <code>berth history berth-demo/web</code></p>");
    return e;
}

} // namespace berth::ui
