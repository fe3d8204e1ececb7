// Switching the UI language without a restart: Settings installs the new catalogue and every
// view sets its texts again (QEvent::LanguageChange), models announce new headers. Checked on a
// constructed MainWindow going en → ko → en: sidebar entries, menu and toolbar actions, tab
// titles, the Log tab's search bar and a table header.
#include "bridge/engine_bridge.h"
#include "models/image_list_model.h"
#include "teach/learn_page.h"
#include "test_env.h"
#include "views/container_detail_tabs.h"
#include "views/containers_page.h"
#include "views/images_page.h"
#include "views/language.h"
#include "views/log_view.h"
#include "views/main_window.h"
#include "views/settings_dialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace berth;
using namespace berth::ui;

namespace {

void switchTo(MainWindow& window, const QString& code) {
    SettingsDialog dialog(&window);
    const int index = dialog.languageBox()->findData(code);
    QVERIFY(index >= 0);
    dialog.languageBox()->setCurrentIndex(index);
    dialog.apply();
    QCOMPARE(languageSetting(), code);
    QCoreApplication::processEvents(); // LanguageChange is posted to the application, then to each window
    QCoreApplication::processEvents();
}

QString header(QAbstractItemModel* model, int column) {
    return model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
}

} // namespace

class TstUiLanguage : public QObject {
    Q_OBJECT
    test::TempDir m_config;

private slots:
    void initTestCase() {
        qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString(m_config.path().string()));
        QVERIFY(installTranslation(QStringLiteral("en")));
    }

    void switchesWithoutRestart() {
        test::TempDir dir;
        EngineBridge bridge(QString::fromStdString((dir / "store").string()));
        MainWindow window(&bridge);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QListWidget* sidebar = window.sidebar();
        ContainersPage* containers = window.containersPage();
        QAction* run = containers->runAction();
        QAction* pull = window.imagesPage()->pullAction();
        QTableView* images = window.imagesPage()->table();
        QTabWidget* details = containers->detailTabs();
        const int processesTab = details->indexOf(containers->detailExtras()->processTable());
        LogView* log = containers->logView();
        QTabWidget* learnTabs = window.learnPage()->tabs();
        QVERIFY(learnTabs);

        QCOMPARE(sidebar->item(0)->text(), QStringLiteral("Images"));
        QCOMPARE(sidebar->item(3)->text(), QStringLiteral("Containers"));
        QCOMPARE(run->text(), QStringLiteral("R&un…"));
        QCOMPARE(pull->text(), QStringLiteral("&Pull…"));
        QCOMPARE(header(images->model(), ImageListModel::RepositoryColumn), QStringLiteral("Repository"));
        QCOMPARE(details->tabText(processesTab), QStringLiteral("Processes"));
        QCOMPARE(containers->detailExtras()->processTable()->horizontalHeaderItem(4)->text(),
                 QStringLiteral("Command"));
        QCOMPARE(log->regexBox()->text(), QStringLiteral("Regex"));
        QCOMPARE(learnTabs->tabText(3), QStringLiteral("Isolation"));

        QSignalSpy headers(window.imageModel(), &QAbstractItemModel::headerDataChanged);
        switchTo(window, QStringLiteral("ko"));
        QCOMPARE(sidebar->item(0)->text(), QStringLiteral("이미지"));
        QCOMPARE(sidebar->item(3)->text(), QStringLiteral("컨테이너"));
        QVERIFY2(run->text().startsWith(QStringLiteral("실행")), qPrintable(run->text()));
        QVERIFY2(pull->text().startsWith(QStringLiteral("가져오기")), qPrintable(pull->text()));
        QVERIFY(!headers.isEmpty()); // views re-read the headers
        QCOMPARE(header(images->model(), ImageListModel::RepositoryColumn), QStringLiteral("리포지토리"));
        QCOMPARE(details->tabText(processesTab), QStringLiteral("프로세스"));
        QCOMPARE(containers->detailExtras()->processTable()->horizontalHeaderItem(4)->text(),
                 QStringLiteral("명령"));
        QCOMPARE(log->regexBox()->text(), QStringLiteral("정규식"));
        QCOMPARE(learnTabs->tabText(3), QStringLiteral("격리"));

        switchTo(window, QStringLiteral("en"));
        QCOMPARE(sidebar->item(0)->text(), QStringLiteral("Images"));
        QCOMPARE(run->text(), QStringLiteral("R&un…"));
        QCOMPARE(header(images->model(), ImageListModel::RepositoryColumn), QStringLiteral("Repository"));
        QCOMPARE(details->tabText(processesTab), QStringLiteral("Processes"));
        QCOMPARE(log->regexBox()->text(), QStringLiteral("Regex"));
        QCOMPARE(learnTabs->tabText(3), QStringLiteral("Isolation"));
    }
};

QTEST_MAIN(TstUiLanguage)
#include "tst_ui_language.moc"
