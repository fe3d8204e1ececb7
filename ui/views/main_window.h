#pragma once
// The main window: a sidebar (Images, Networks, Learn, Containers, Events), the pages, and the console
// strip at the bottom. Owns the image model and wires the bridge's answers to the pages, the
// console and the status bar. On the first start with an empty store it loads the built-in
// demo images through the bridge, so a classroom has something to look at without a network.
#include "bridge/bridge_types.h"
#include "bridge/cli_command.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QSplitter;
class QStackedWidget;

namespace berth::ui {

class ConsoleStrip;
class ContainerBridge;
class ContainerListModel;
class ContainersPage;
class EngineBridge;
class EventsPage;
class ImageListModel;
class ImagesPage;
class LearnPage;
class NetworkBridge;
class NetworkListModel;
class NetworksPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class Page { Images, Networks, Learn, Containers, Events, Count };

    explicit MainWindow(EngineBridge* bridge, QWidget* parent = nullptr);

    // Where to look for demo archives on first start (see demo_archives.h).
    void setDemoDirectories(const QStringList& directories) { m_demoDirectories = directories; }
    // Opens the engine and lists the images; everything arrives later through the bridge.
    void start();
    void showPage(Page page);

    ConsoleStrip* console() const { return m_console; }
    EventsPage* eventsPage() const { return m_events; }
    ImagesPage* imagesPage() const { return m_images; }
    LearnPage* learnPage() const { return m_learn; }
    ImageListModel* imageModel() const { return m_model; }
    ContainersPage* containersPage() const { return m_containersPage; }
    ContainerListModel* containerModel() const { return m_containerModel; }
    ContainerBridge* containerBridge() const { return m_containerBridge; }
    NetworksPage* networksPage() const { return m_networksPage; }
    NetworkListModel* networkModel() const { return m_networkModel; }
    NetworkBridge* networkBridge() const { return m_networkBridge; }
    QList<QAction*> shortcutActions() const;
    QListWidget* sidebar() const { return m_sidebar; }
    // True once the first listing arrived (and demo images, if any were loaded, are listed), or
    // once it failed (a store that cannot be opened).
    bool isSettled() const { return m_settled; }

signals:
    void settled(); // first listing (after the demo images, when loaded) is shown

private:
    void createSidebar();
    void createMenus();
    void connectBridge();
    void connectContainerBridge();
    void connectNetworkBridge();
    void onSnapshot(const StoreSnapshot& snapshot);
    void maybeLoadDemoImages(const StoreSnapshot& snapshot);
    // A store that cannot be opened or listed (an unwritable HOME), or a demo load that failed,
    // still settles the window: --screenshot and --tab wait for settled().
    void settleAfterFailure();
    // After a first start's demo images: the Containers page offers to run the web demo.
    void maybeOfferWebDemo(const StoreSnapshot& snapshot);
    void showShortcuts();
    void showSettings();
    void showAbout();
    // Sets every text again in the current language (QEvent::LanguageChange).
    void retranslate();
    void changeEvent(QEvent* event) override;
    void status(const QString& message);

    EngineBridge* m_bridge;
    CliCommand m_cli;
    ImageListModel* m_model = nullptr;
    QListWidget* m_sidebar = nullptr;
    QStackedWidget* m_pages = nullptr;
    ImagesPage* m_images = nullptr;
    LearnPage* m_learn = nullptr;
    ContainerBridge* m_containerBridge = nullptr;
    ContainerListModel* m_containerModel = nullptr;
    ContainersPage* m_containersPage = nullptr;
    EventsPage* m_events = nullptr;
    NetworkBridge* m_networkBridge = nullptr;
    NetworkListModel* m_networkModel = nullptr;
    NetworksPage* m_networksPage = nullptr;
    ConsoleStrip* m_console = nullptr;
    QLabel* m_engineLabel = nullptr;
    QList<QAction*> m_windowActions;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_imagesMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_consoleAction = nullptr;
    QAction* m_shortcutsAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QList<QAction*> m_pageActions; // View → Images, Networks, Learn, Containers, Events
    QStringList m_demoDirectories;
    bool m_firstSnapshot = true;
    int m_demoLoadsPending = 0;
    bool m_settled = false;
    bool m_offerWebDemo = false; // demo images were loaded on this start
    EngineSummary m_summary;
};

} // namespace berth::ui
