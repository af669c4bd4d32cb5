package dev.conch.editor.files;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The {@link FileController}'s questions as the editor's window asks them: file choosers and alerts over it. */
public final class FxDialogs implements FileController.Dialogs {
    private final Stage stage;

    public FxDialogs(Stage stage) {
        this.stage = stage;
    }

    @Override
    public FileController.Unsaved unsaved(String name) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", save, discard, ButtonType.CANCEL);
        alert.initOwner(stage);
        alert.setTitle("Unsaved changes");
        alert.setHeaderText(name + " has unsaved changes");
        alert.setContentText("Save them before leaving this network?");
        ButtonType choice = alert.showAndWait().orElse(ButtonType.CANCEL);
        return choice == save ? FileController.Unsaved.SAVE
                : choice == discard ? FileController.Unsaved.DISCARD : FileController.Unsaved.CANCEL;
    }

    @Override
    public Optional<Path> chooseToOpen(Path folder) {
        FileChooser chooser = chooser("Open network", folder);
        chooser.getExtensionFilters().add(0, new FileChooser.ExtensionFilter("Conch and CLAM networks", "*.xml", "*.clamnetwork"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CLAM networks (imported)", "*.clamnetwork"));
        return Optional.ofNullable(chooser.showOpenDialog(stage)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseToSave(Path folder, String suggested) {
        FileChooser chooser = chooser("Save network as", folder);
        if (suggested != null) chooser.setInitialFileName(suggested);
        return Optional.ofNullable(chooser.showSaveDialog(stage)).map(File::toPath);
    }

    @Override
    public boolean replace(Path file) {
        ButtonType replace = new ButtonType("Replace", ButtonBar.ButtonData.YES);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", replace, ButtonType.CANCEL);
        alert.initOwner(stage);
        alert.setTitle("Replace " + file.getFileName() + "?");
        alert.setHeaderText(file.getFileName() + " already exists in " + file.toAbsolutePath().getParent());
        alert.setContentText("A network is saved with the name ending in .xml. Replace the file that has it?");
        return alert.showAndWait().orElse(ButtonType.CANCEL) == replace;
    }

    private FileChooser chooser(String title, Path folder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Conch networks", "*.xml"));
        if (folder != null) chooser.setInitialDirectory(folder.toFile());
        return chooser;
    }

    @Override
    public void showImportReport(String header, String report) {
        Platform.runLater(() -> {
            Alert alert = reportAlert(Alert.AlertType.INFORMATION, "CLAM import report", header, report);
            alert.show();
        });
    }

    @Override
    public void askImportRest(String header, String report, Consumer<Boolean> answer) {
        Platform.runLater(() -> {
            ButtonType rest = new ButtonType("Import the rest", ButtonBar.ButtonData.YES);
            Alert alert = reportAlert(Alert.AlertType.CONFIRMATION, "Import the rest?", header, report);
            alert.getButtonTypes().setAll(rest, ButtonType.CANCEL);
            alert.resultProperty().addListener((o, was, choice) -> answer.accept(choice == rest));
            alert.show();
        });
    }

    /** An alert over the window holding an import report, one line a processing, in a text area to scroll and copy. */
    private Alert reportAlert(Alert.AlertType type, String title, String header, String report) {
        Alert alert = new Alert(type);
        alert.initOwner(stage);
        alert.setTitle(title);
        alert.setHeaderText(header);
        javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(report);
        text.setId("import-report");
        text.setEditable(false);
        text.setWrapText(false);
        text.setPrefColumnCount(90);
        text.setPrefRowCount(Math.min(20, (int) report.lines().count() + 1));
        alert.getDialogPane().setContent(text);
        alert.setResizable(true);
        return alert;
    }

    /** Asked once the window is up, never blocking the caller. */
    @Override
    public void offerRecovery(String header, String text, BooleanSupplier stillAsked, Consumer<Boolean> answer) {
        Platform.runLater(() -> {
            if (!stillAsked.getAsBoolean()) return;
            ButtonType recover = new ButtonType("Recover", ButtonBar.ButtonData.YES);
            ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", recover, discard);
            alert.initOwner(stage);
            alert.setTitle("Recover unsaved changes?");
            alert.setHeaderText(header);
            alert.setContentText(text);
            alert.resultProperty().addListener((o, was, choice) -> answer.accept(choice == recover));
            alert.show();
        });
    }
}
