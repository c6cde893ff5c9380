"""MaskPanel: the masking view's list of masks, with the search's progress and list buttons."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.ui.masking.entries import MaskCol, MaskListModel


class MaskPanel(QWidget):
    """The widgets only; the dialog connects them (it owns the rules of what may be done)."""

    def __init__(self, model: MaskListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list_view = QTableView()
        self.list_view.setObjectName("maskList")
        self.list_view.setModel(model)
        self.list_view.verticalHeader().hide()
        self.list_view.verticalHeader().setDefaultSectionSize(24)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setWordWrap(False)
        self.list_view.setTabKeyNavigation(False)
        self.list_view.horizontalHeader().setSectionResizeMode(MaskCol.FOUND,
                                                               QHeaderView.ResizeMode.Stretch)
        self.list_view.setColumnWidth(MaskCol.KIND, 150)
        self.list_view.setColumnWidth(MaskCol.PAGE, 50)
        self.search_bar = QProgressBar()
        self.search_bar.setObjectName("searchProgress")
        self.search_bar.setMaximumHeight(14)
        self.search_bar.setTextVisible(False)
        self.search_label = QLabel()
        self.search_label.setObjectName("searchLabel")
        self.search_label.setWordWrap(True)
        self.stop_search_button = QPushButton(self.tr("Stop"))
        self.stop_search_button.setObjectName("stopSearch")
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("deleteMask")
        self.delete_button.setToolTip(self.tr("Delete the selected manual masks (Delete)"))
        self.check_all_button = QPushButton(self.tr("Check all"))
        self.uncheck_all_button = QPushButton(self.tr("Uncheck all"))
        for button in (self.stop_search_button, self.delete_button, self.check_all_button,
                       self.uncheck_all_button):
            button.setAutoDefault(False)

        title = QLabel(self.tr("Masks"))
        title.setStyleSheet("font-weight: bold;")
        explain = QLabel(self.tr("Checked masks are blacked out in the copy reviewers read. "
                                 "Red: masked; dashed: left visible."))
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #555;")
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_bar, 1)
        search_row.addWidget(self.stop_search_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_all_button)
        buttons.addWidget(self.uncheck_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addLayout(search_row)
        layout.addWidget(self.search_label)
        layout.addWidget(self.list_view, 1)
        layout.addLayout(buttons)

    def show_search(self, searching: bool) -> None:
        self.search_bar.setVisible(searching)
        self.stop_search_button.setVisible(searching)
