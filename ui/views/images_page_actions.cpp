// ImagesPage: the actions that change the store, each confirmed where it deletes something.
// The file dialogs and message boxes run nested event loops; the engine work itself always goes
// through the bridge, so the GUI thread never waits for it.
#include "views/images_page.h"

#include "bridge/engine_bridge.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>

namespace berth::ui {

void ImagesPage::removeImages(const QStringList& references, bool force) {
    for (const QString& ref : references) {
        emit commandIssued(m_cli.removeImage(ref, force));
        m_bridge->removeImage(ref, force);
    }
}

void ImagesPage::pruneImages(bool all) {
    emit commandIssued(m_cli.prune(all));
    m_bridge->prune(all);
}

void ImagesPage::saveImages(const QStringList& references, const QString& path) {
    emit commandIssued(m_cli.save(references, path));
    emit statusMessage(tr("Saving to %1…").arg(path));
    m_bridge->save(references, path);
}

void ImagesPage::loadArchive(const QString& path) {
    emit commandIssued(m_cli.load(path));
    emit statusMessage(tr("Loading %1…").arg(path));
    m_bridge->load(path);
}

void ImagesPage::confirmRemove() {
    const QStringList refs = selectedReferences();
    if (refs.isEmpty()) return;
    QMessageBox box(QMessageBox::Question, tr("Remove images"),
                    tr("Remove %1?").arg(refs.join(QStringLiteral(", "))), QMessageBox::NoButton, this);
    box.setInformativeText(tr("The name is removed. Layers that no other image uses are deleted from disk."));
    auto* remove = box.addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box.setDefaultButton(box.addButton(tr("Cancel"), QMessageBox::RejectRole));
    box.exec();
    if (box.clickedButton() == remove) removeImages(refs, false);
}

void ImagesPage::confirmPrune() {
    QMessageBox box(QMessageBox::Question, tr("Prune images"), tr("Remove images that have no name?"),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Dangling images (shown as <none>) are left behind when a name moves to a newer "
                              "image. Layers no remaining image uses are deleted."));
    auto* all = new QCheckBox(tr("Also remove every image not used by a container (--all)"), &box);
    box.setCheckBox(all);
    auto* prune = box.addButton(tr("Prune"), QMessageBox::DestructiveRole);
    box.setDefaultButton(box.addButton(tr("Cancel"), QMessageBox::RejectRole));
    box.exec();
    if (box.clickedButton() == prune) pruneImages(all->isChecked());
}

void ImagesPage::askSave() {
    const QStringList refs = selectedReferences();
    if (refs.isEmpty()) return;
    QString suggested = refs.first();
    suggested.replace(QLatin1Char('/'), QLatin1Char('-')).replace(QLatin1Char(':'), QLatin1Char('_'));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save images to an archive"),
                                                      suggested + QStringLiteral(".tar"),
                                                      tr("Image archives (*.tar)"));
    if (!path.isEmpty()) saveImages(refs, path);
}

void ImagesPage::askLoad() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Load images from an archive"), QString(),
                                                      tr("Image archives (*.tar *.tar.gz *.tgz *.tar.zst)"));
    if (!path.isEmpty()) loadArchive(path);
}

} // namespace berth::ui
