// ContainersPage: Edit and recreate. The bridge reads the container's configuration, the Run…
// dialog opens filled from it, and on OK the bridge replaces the container (container_recreate.h),
// each step echoed as its `berth …` line.
#include "views/containers_page.h"

#include "models/image_list_model.h"
#include "views/run_dialog.h"

#include <QDialogButtonBox>
#include <QPushButton>

namespace berth::ui {

RunDialog* ContainersPage::editDialog() const {
    return m_editDialog.data();
}

void ContainersPage::editContainer(const QString& name) {
    m_editing = name;
    m_bridge->loadEditRequest(name);
}

void ContainersPage::showEditDialog(const QString& id, const RunRequest& request,
                                    const QStringList& networks) {
    if (m_editing.isEmpty() || (m_editing != request.name && !id.startsWith(m_editing))) return;
    const QString name = m_editing;
    m_editing.clear();
    QStringList images;
    for (const auto& image : m_images->snapshot().images)
        if (!image.isDangling()) images << image.reference();
    auto* dialog = new RunDialog(images, m_cli, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Edit and recreate %1").arg(name));
    dialog->setNetworks(networks);
    dialog->setRequest(request);
    if (auto* box = dialog->findChild<QDialogButtonBox*>())
        box->button(QDialogButtonBox::Ok)->setText(tr("Re&create"));
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, name] { recreateContainer(name, dialog->request()); });
    m_editDialog = dialog;
    dialog->open();
}

void ContainersPage::recreateContainer(const QString& name, const RunRequest& request) {
    emit statusMessage(tr("Recreating container %1…").arg(name));
    m_bridge->recreate(name, request);
}

} // namespace berth::ui
