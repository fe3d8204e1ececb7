// Clickable ports in the Containers table: each published tcp port is drawn as a link
// ("127.0.0.1:8080→80/tcp"); a click on one opens http://HOST:PORT/ through the page's URL
// opener (recorded here instead of starting a browser); 0.0.0.0 opens as 127.0.0.1; udp ports
// and clicks beside the text open nothing.
#include "bridge/container_bridge.h"
#include "models/container_list_model.h"
#include "models/image_list_model.h"
#include "test_env.h"
#include "views/containers_page.h"
#include "views/port_links_delegate.h"

#include <QAbstractItemModelTester>
#include <QTableView>
#include <QTest>

using namespace berth;
using namespace berth::ui;

namespace {

PortMapping port(const QString& ip, int host, int container,
                 const QString& protocol = QStringLiteral("tcp")) {
    return PortMapping{ip, host, container, protocol};
}

} // namespace

class TstUiPorts : public QObject {
    Q_OBJECT

private slots:
    void portUrl_data() {
        QTest::addColumn<PortMapping>("mapping");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("text");
        QTest::newRow("loopback") << port(QStringLiteral("127.0.0.1"), 8080, 80) << "http://127.0.0.1:8080/"
                                  << QStringLiteral("127.0.0.1:8080\u219280/tcp");
        QTest::newRow("every interface opens on loopback")
            << port(QStringLiteral("0.0.0.0"), 9000, 80) << "http://127.0.0.1:9000/"
            << QStringLiteral("0.0.0.0:9000\u219280/tcp");
        QTest::newRow("another address") << port(QStringLiteral("10.0.0.5"), 81, 80) << "http://10.0.0.5:81/"
                                         << QStringLiteral("10.0.0.5:81\u219280/tcp");
        QTest::newRow("udp is no page") << port(QStringLiteral("127.0.0.1"), 5353, 53, QStringLiteral("udp"))
                                        << "" << QStringLiteral("127.0.0.1:5353\u219253/udp");
        QTest::newRow("no host port yet")
            << port(QStringLiteral("127.0.0.1"), 0, 80) << "" << QStringLiteral("127.0.0.1:0\u219280/tcp");
    }

    void portUrl() {
        QFETCH(PortMapping, mapping);
        QFETCH(QString, url);
        QFETCH(QString, text);
        QCOMPARE(berth::ui::portUrl(mapping).toString(), url);
        QCOMPARE(portLinkText(mapping), text);
    }

    void clickingALinkOpensItsPage() {
        test::TempDir dir;
        ContainerBridge bridge(QString::fromStdString((dir / "store").string()));
        ContainerListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ImageListModel images;
        ContainersPage page(&bridge, &model, &images, CliCommand());
        QList<QUrl> opened;
        page.setUrlOpener([&opened](const QUrl& url) { opened << url; });
        ContainerInfo c;
        c.id = QString(64, QLatin1Char('f'));
        c.name = QStringLiteral("web");
        c.state = QStringLiteral("running");
        c.ports = {port(QStringLiteral("127.0.0.1"), 5353, 53, QStringLiteral("udp")),
                   port(QStringLiteral("0.0.0.0"), 8080, 80)};
        model.setContainers({c});
        page.resize(1600, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTableView* table = page.table();
        table->setColumnWidth(ContainerListModel::PortsColumn, 600);
        const QModelIndex cell = table->model()->index(0, ContainerListModel::PortsColumn);
        QCOMPARE(cell.data(ContainerListModel::PortsRole).value<QList<PortMapping>>(), c.ports);
        const QRect rect = table->visualRect(cell);
        const QList<QRect> parts = PortLinksDelegate::segments(rect, table->fontMetrics(), c.ports);
        QCOMPARE(parts.size(), 2);
        QVERIFY(parts[0].right() < parts[1].left());

        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, parts[0].center()); // udp: text only
        QVERIFY(opened.isEmpty());
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          QPoint(parts[1].right() + 40, rect.center().y()));
        QVERIFY(opened.isEmpty()); // beside the links
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, parts[1].center());
        QCOMPARE(opened, QList<QUrl>{QUrl(QStringLiteral("http://127.0.0.1:8080/"))});
    }
};

QTEST_MAIN(TstUiPorts)
#include "tst_ui_ports.moc"
