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
        return Optional.ofNullable(chooser("Open network", folder).showOpenDialog(stage)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseToSave(Path folder) {
        return Optional.ofNullable(chooser("Save network as", folder).showSaveDialog(stage)).map(File::toPath);
    }

    private FileChooser chooser(String title, Path folder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Conch networks", "*.xml"));
        if (folder != null) chooser.setInitialDirectory(folder.toFile());
        return chooser;
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
