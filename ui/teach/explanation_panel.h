#pragma once
// The text beside each Learn view, in English and Korean at once: classes read Korean course
// notes while tools and docs are in English, so both stay visible whatever the UI language is.
// That is why these texts are not tr() strings.
#include <QWidget>

class QLabel;

namespace berth::ui {

struct Explanation {
    QString titleEn, titleKo;
    QString bodyEn, bodyKo; // rich text (paragraphs, <b>, <code>)
};

class ExplanationPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExplanationPanel(const Explanation& text, QWidget* parent = nullptr);
    // Live numbers from the store, shown under the explanation in both languages.
    void setFacts(const QString& factsEn, const QString& factsKo);
    QString plainText() const;

private:
    QLabel* m_english = nullptr;
    QLabel* m_korean = nullptr;
    QLabel* m_factsEn = nullptr;
    QLabel* m_factsKo = nullptr;
};

// The explanation of the images-and-layers graph.
Explanation imagesAndLayersExplanation();

} // namespace berth::ui
