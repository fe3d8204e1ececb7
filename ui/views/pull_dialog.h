#pragma once
// Pull an image with one progress bar per layer, fed by the bridge's PullEvents. Layers the
// store already has are marked "already exists — shared with <images>": content addressing,
// made visible. The pull runs in the bridge; closing the dialog does not stop it (Stop does).
#include "bridge/bridge_types.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace berth::ui {

class EngineBridge;

class PullDialog : public QDialog {
    Q_OBJECT
public:
    // current: the store as last listed, to name the images a present layer is shared with.
    PullDialog(EngineBridge* bridge, const StoreSnapshot& current, QWidget* parent = nullptr);

    QLineEdit* referenceEdit() const { return m_reference; }
    QPushButton* pullButton() const { return m_pull; }
    QString statusText() const;
    bool hasFailed() const { return m_failed; }
    int layerRowCount() const { return static_cast<int>(m_rows.size()); }
    QString layerStatus(const QString& shortId) const;

signals:
    void pullStarted(const QString& reference);

private:
    struct LayerRow {
        QProgressBar* bar = nullptr;
        QLabel* status = nullptr;
    };

    void startPull();
    void onProgress(const PullEvent& event);
    void onFinished(const QString& reference, const QString& imageId, bool upToDate);
    void onFailed(const QString& message);
    LayerRow& rowFor(const QString& shortId);
    QString sharedWith(const QString& blobDigest) const;
    void setStatus(const QString& text, bool error);
    void setRunning(bool running);

    EngineBridge* m_bridge;
    StoreSnapshot m_store;
    QLineEdit* m_reference = nullptr;
    QPushButton* m_pull = nullptr;
    QPushButton* m_stop = nullptr;
    QLabel* m_status = nullptr;
    QVBoxLayout* m_layerBox = nullptr;
    QHash<QString, LayerRow> m_rows;
    bool m_running = false;
    bool m_failed = false;
};

} // namespace berth::ui
