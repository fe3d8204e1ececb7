// The relationship graph of the demo store: 2 images, 3 layers (the busybox base is ONE node with
// two edges), and the disk saved by sharing equal to the base layer's size; containers joined to
// the image they were made from, coloured by state, redrawn when their state changes.
#include "demo_store.h"
#include "teach/learn_page.h"
#include "teach/explanation_panel.h"
#include "teach/relationship_graph.h"
#include "teach/relationship_graph_view.h"

#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QTest>

using namespace berth;
using namespace berth::ui;

class TstUiGraph : public QObject {
    Q_OBJECT
    test::TempDir m_dir;
    StoreSnapshot m_snapshot;

private slots:
    void initTestCase() {
        m_snapshot = test::loadDemoStore(m_dir / "store");
        QCOMPARE(m_snapshot.images.size(), 2);
    }

    void sharedLayerIsOneNode() {
        const RelationshipGraph g = buildRelationshipGraph(m_snapshot.images);
        QCOMPARE(g.count(GraphNode::Kind::Image), 2);
        QCOMPARE(g.count(GraphNode::Kind::Layer), 3);
        QCOMPARE(g.edges.size(), 4);
        int shared = 0;
        quint64 baseSize = 0;
        for (const auto& n : g.nodes)
            if (n.kind == GraphNode::Kind::Layer && n.users == 2) {
                ++shared;
                baseSize = n.size;
                QCOMPARE(n.depth, 0);
            }
        QCOMPARE(shared, 1);
        QVERIFY(baseSize > 0);
        QCOMPARE(g.savedBytes(), baseSize);
        QCOMPARE(g.unsharedBytes, g.storedBytes + baseSize);
    }

    void secondNameAddsNoNodes() {
        QList<ImageInfo> images = m_snapshot.images;
        ImageInfo alias = images.first();
        alias.tag = QStringLiteral("v2");
        images.push_back(alias);
        const RelationshipGraph g = buildRelationshipGraph(images);
        QCOMPARE(g.count(GraphNode::Kind::Image), 2);
        QCOMPARE(g.count(GraphNode::Kind::Layer), 3);
        QCOMPARE(g.edges.size(), 4);
    }

    void viewDrawsThreeLayerBoxes() {
        RelationshipGraphView view;
        view.resize(800, 600);
        view.setSnapshot(m_snapshot);
        int layers = 0, images = 0;
        for (QGraphicsItem* item : view.scene()->items()) {
            layers += item->data(0).toString() == QStringLiteral("layer") ? 1 : 0;
            images += item->data(0).toString() == QStringLiteral("image") ? 1 : 0;
        }
        QCOMPARE(layers, 3);
        QCOMPARE(images, 2);
    }

    void containersJoinTheirImage() {
        const ImageInfo* hello = test::findImage(m_snapshot, QStringLiteral("berth-demo/hello:latest"));
        QVERIFY(hello);
        ContainerInfo byId;
        byId.id = QString(64, QLatin1Char('1'));
        byId.name = QStringLiteral("first");
        byId.image = QStringLiteral("berth-demo/hello");
        byId.imageId = hello->id;
        byId.state = QStringLiteral("running");
        ContainerInfo byName = byId;
        byName.id = QString(64, QLatin1Char('2'));
        byName.name = QStringLiteral("second");
        byName.imageId.clear(); // matched by the name it was run with
        byName.state = QStringLiteral("exited");
        ContainerInfo orphan = byId;
        orphan.id = QString(64, QLatin1Char('3'));
        orphan.imageId = QStringLiteral("sha256:") + QString(64, QLatin1Char('9'));
        orphan.image = QStringLiteral("gone:1");
        const RelationshipGraph g = buildRelationshipGraph(m_snapshot.images, {byId, byName, orphan});
        QCOMPARE(g.count(GraphNode::Kind::Container), 2); // the orphan's image is not in the store
        QCOMPARE(g.uses.size(), 2);
        for (const auto& u : g.uses) {
            QCOMPARE(g.nodes[u.image].key, hello->id);
            QCOMPARE(g.nodes[u.container].kind, GraphNode::Kind::Container);
        }
        QCOMPARE(g.count(GraphNode::Kind::Layer), 3); // containers add no image layers

        RelationshipGraphView view;
        view.resize(900, 700);
        view.setSnapshot(m_snapshot);
        view.setContainers({byId, byName});
        const auto states = [&view] {
            QStringList out;
            for (QGraphicsItem* item : view.scene()->items())
                if (item->data(0).toString() == QStringLiteral("container")) out << item->data(1).toString();
            out.sort();
            return out;
        };
        QCOMPARE(states(), (QStringList{QStringLiteral("exited"), QStringLiteral("running")}));
        byId.state = QStringLiteral("paused"); // live: a state change redraws
        view.setContainers({byId, byName});
        QCOMPARE(states(), (QStringList{QStringLiteral("exited"), QStringLiteral("paused")}));
        view.setContainers({byName}); // removed: its node goes, the image stays
        QCOMPARE(states(), QStringList{QStringLiteral("exited")});
        QCOMPARE(view.graph().count(GraphNode::Kind::Image), 2);
        const QImage picture = view.grab().toImage();
        QVERIFY(!picture.isNull());
        QVERIFY(picture.save(QString::fromStdString((m_dir / "graph-with-containers.png").string())));
    }

    void learnPageStatesSavingInBothLanguages() {
        LearnPage page;
        page.setSnapshot(m_snapshot);
        const QString text = page.graphExplanation()->plainText();
        QVERIFY(text.contains(QStringLiteral("Disk saved by sharing")));
        QVERIFY(text.contains(QStringLiteral("공유로 절약한 디스크")));
        QVERIFY(text.contains(QStringLiteral("레이어")));
    }
};

QTEST_MAIN(TstUiGraph)
#include "tst_ui_graph.moc"
