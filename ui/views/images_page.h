#pragma once
// The Images page: the image table (filter box, sortable columns, toolbar and context menu with
// Pull…, Remove, Prune…, Save…, Load…) and the layer panel beside it. Every action is handed
// to the bridge, and its `berth …` equivalent is announced through commandIssued.
#include "bridge/cli_command.h"
#include "views/pull_dialog.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace berth::ui {

class EngineBridge;
class ImageListModel;
class LayerPanel;

class ImagesPage : public QWidget {
    Q_OBJECT
public:
    ImagesPage(EngineBridge* bridge, ImageListModel* model, const CliCommand& cli, QWidget* parent = nullptr);

    QAction* pullAction() const { return m_pull; }
    QAction* removeAction() const { return m_remove; }
    QAction* pruneAction() const { return m_prune; }
    QAction* saveAction() const { return m_save; }
    QAction* loadAction() const { return m_load; }
    QAction* refreshAction() const { return m_refresh; }
    QAction* filterAction() const { return m_filterFocus; }
    QList<QAction*> pageActions() const;

    QLineEdit* filterEdit() const { return m_filter; }
    QTableView* table() const { return m_table; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    LayerPanel* layerPanel() const { return m_layers; }
    PullDialog* pullDialog() const { return m_pullDialog; }
    QStringList selectedReferences() const;
    // Why the store could not be opened or listed (an unwritable HOME): shown where the table
    // would be, instead of "No images yet", until a listing arrives. Empty: no problem.
    void setStoreProblem(const QString& problem);
    QString emptyText() const;

    // Without confirmation dialogs, for callers that already asked (and for tests).
    void removeImages(const QStringList& references, bool force);
    void pruneImages(bool all);
    void saveImages(const QStringList& references, const QString& path);
    void loadArchive(const QString& path);

signals:
    void commandIssued(const QString& command);
    void statusMessage(const QString& message);

private:
    void retranslate();
    void changeEvent(QEvent* event) override;
    void createActions();
    QWidget* createTablePane();
    void showPullDialog();
    void confirmRemove();
    void confirmPrune();
    void askSave();
    void askLoad();
    void onCurrentChanged();
    void rememberSelection();
    void restoreSelection();
    void updateActions();
    void updateEmptyText();

    EngineBridge* m_bridge;
    ImageListModel* m_model;
    CliCommand m_cli;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_filter = nullptr;
    QLabel* m_empty = nullptr;
    QString m_storeProblem;
    LayerPanel* m_layers = nullptr;
    QPointer<PullDialog> m_pullDialog; // deletes itself on close
    QAction *m_pull = nullptr, *m_remove = nullptr, *m_prune = nullptr, *m_save = nullptr, *m_load = nullptr,
            *m_refresh = nullptr, *m_filterFocus = nullptr;
    QString m_selectedReference; // survives model resets
    QString m_shownReference;    // the image the layer panel shows
};

} // namespace berth::ui
