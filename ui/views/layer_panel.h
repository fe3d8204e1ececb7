#pragma once
// Beside the image table: the selected image's layer stack (base at the top of the list, as it
// is applied) and, for the selected layer, its files marked added / modified / removed against
// the layers below — what dive shows, computed by the bridge on a worker thread.
#include "bridge/bridge_types.h"

#include <QWidget>

class QLabel;
class QTableView;
class QTreeView;

namespace berth::ui {

class EngineBridge;
class LayerFileModel;
class LayerStackModel;

class LayerPanel : public QWidget {
    Q_OBJECT
public:
    LayerPanel(EngineBridge* bridge, QWidget* parent = nullptr);

    void setImage(const ImageInfo* image, const QList<ImageInfo>& all);
    void selectLayer(int row);
    LayerStackModel* stackModel() const { return m_stack; }
    LayerFileModel* fileModel() const { return m_files; }
    QTableView* stackView() const { return m_stackView; }

private:
    void onLayerFiles(const QString& chainId, const QList<LayerFileEntry>& files);
    void updateSummary();
    void updateTitle();
    void changeEvent(QEvent* event) override;

    EngineBridge* m_bridge;
    LayerStackModel* m_stack = nullptr;
    LayerFileModel* m_files = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_summary = nullptr;
    QTableView* m_stackView = nullptr;
    QTreeView* m_fileView = nullptr;
    QString m_pendingChainId;
    QString m_reference; // the image shown, "" = none
    bool m_filesLoaded = false;
};

} // namespace berth::ui
