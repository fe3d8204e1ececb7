// ImageListModel, its filter proxy, LayerStackModel and LayerFileModel on a real temp store
// loaded from the demo archives, each under QAbstractItemModelTester.
#include "demo_store.h"
#include "models/image_list_model.h"
#include "models/layer_file_model.h"
#include "models/layer_stack_model.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace berth;
using namespace berth::ui;

class TstUiModels : public QObject {
    Q_OBJECT
    test::TempDir m_dir;
    StoreSnapshot m_snapshot;

private slots:
    void initTestCase() {
        m_snapshot = test::loadDemoStore(m_dir / "store");
        QCOMPARE(m_snapshot.images.size(), 2);
    }

    void imageListRoles() {
        ImageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(m_snapshot);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(ImageListModel::ColumnCount));
        const int row = model.rowOfReference(QStringLiteral("berth-demo/web:latest"));
        QVERIFY(row >= 0);
        const QModelIndex index = model.index(row, 0);
        QCOMPARE(index.data(ImageListModel::RepositoryRole).toString(), QStringLiteral("berth-demo/web"));
        QCOMPARE(index.data(ImageListModel::TagRole).toString(), QStringLiteral("latest"));
        QVERIFY(index.data(ImageListModel::IdRole).toString().startsWith(QStringLiteral("sha256:")));
        QVERIFY(index.data(ImageListModel::CreatedRole).toDateTime().isValid());
        QVERIFY(index.data(ImageListModel::SizeRole).toULongLong() > 0);
        QCOMPARE(index.data(ImageListModel::LayerCountRole).toInt(), 2);
        QCOMPARE(index.data(ImageListModel::ChainIdsRole).toStringList().size(), 2);
        QVERIFY(model.roleNames().values().contains("sharedLayers"));
    }

    void sharedBaseLayerCountsForBoth() {
        ImageListModel model;
        model.setSnapshot(m_snapshot);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, 0).data(ImageListModel::SharedLayersRole).toInt(), 1);
    }

    void filterProxy() {
        ImageListModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterKeyColumn(-1);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy.setSortRole(ImageListModel::SortRole);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshot(m_snapshot);
        proxy.setFilterFixedString(QStringLiteral("WEB"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(ImageListModel::ReferenceRole).toString(), QStringLiteral("berth-demo/web:latest"));
        proxy.setFilterFixedString(QString());
        proxy.sort(ImageListModel::SizeColumn);
        QCOMPARE(proxy.rowCount(), 2);
    }

    void layerStackSharesBase() {
        LayerStackModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ImageInfo* hello = test::findImage(m_snapshot, QStringLiteral("berth-demo/hello:latest"));
        QVERIFY(hello);
        model.setImage(hello, m_snapshot.images);
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex base = model.index(0, 0), top = model.index(1, 0);
        QCOMPARE(base.data(LayerStackModel::IndexRole).toInt(), 0);
        QCOMPARE(base.data(LayerStackModel::SharedWithRole).toStringList(), QStringList{QStringLiteral("berth-demo/web:latest")});
        QVERIFY(top.data(LayerStackModel::SharedWithRole).toStringList().isEmpty());
        QCOMPARE(base.data(LayerStackModel::ShortIdRole).toString().size(), 12);
        QVERIFY(!top.data(LayerStackModel::CreatedByRole).toString().isEmpty());
        QVERIFY(base.data(LayerStackModel::SizeRole).toULongLong() > top.data(LayerStackModel::SizeRole).toULongLong());
        QCOMPARE(model.stackUpTo(1).size(), 2);
        model.setImage(nullptr, {});
        QCOMPARE(model.rowCount(), 0);
    }

    void layerFileTree() {
        LayerFileModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({
            {QStringLiteral("etc"), FileChange::Unchanged, true, false, 0},
            {QStringLiteral("etc/passwd"), FileChange::Modified, false, false, 120},
            {QStringLiteral("etc/shadow"), FileChange::Removed, false, false, 0},
            {QStringLiteral("new/deep/file"), FileChange::Added, false, false, 5}, // parents implied
        });
        QCOMPARE(model.rowCount(), 2); // etc, new
        const QModelIndex passwd = model.indexOfPath(QStringLiteral("etc/passwd"));
        QVERIFY(passwd.isValid());
        QCOMPARE(passwd.data(LayerFileModel::ChangeRole).toInt(), int(FileChange::Modified));
        QCOMPARE(model.parent(passwd), model.indexOfPath(QStringLiteral("etc")));
        QVERIFY(model.indexOfPath(QStringLiteral("new/deep")).data(LayerFileModel::IsDirRole).toBool());
        QCOMPARE(model.count(FileChange::Removed), 1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TstUiModels)
#include "tst_ui_models.moc"
