package io.tagforge.curation.security;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tagforge.curation.errors.UserErrors;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The admin's list of users: new annotators and curators are made here, and a chosen user's roles changed or
 * the user disabled (a disabled user cannot sign in). Every user keeps at least one role.
 */
@Route("users")
@PageTitle("Users · Tagforge")
@RolesAllowed(Roles.ADMIN)
public class UsersView extends VerticalLayout {

    private static final List<String> ROLES = List.of(Roles.ANNOTATOR, Roles.CURATOR, Roles.ADMIN);

    private final UserAccounts accounts;
    final Grid<UserAccounts.Account> grid = new Grid<>();
    final TextField username = new TextField("User name");
    final PasswordField password = new PasswordField("Password (8+ characters)");
    final CheckboxGroup<String> roles = new CheckboxGroup<>("Roles");
    final H3 editing = new H3();
    final CheckboxGroup<String> editRoles = new CheckboxGroup<>("Roles");
    final Checkbox enabled = new Checkbox("May sign in");
    final Button save = new Button("Save changes", e -> save());
    private final HorizontalLayout editForm;

    public UsersView(UserAccounts accounts) {
        this.accounts = accounts;
        grid.addColumn(UserAccounts.Account::username).setHeader("User");
        grid.addColumn(a -> String.join(", ", a.roles())).setHeader("Roles");
        grid.addColumn(a -> a.enabled() ? "" : "disabled").setHeader("");
        grid.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));
        roles.setItems(ROLES);
        roles.setValue(Set.of(Roles.ANNOTATOR));
        Button create = new Button("Create user", e -> create());
        create.setId("create-user");
        HorizontalLayout form = new HorizontalLayout(username, password, roles, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        editRoles.setItems(ROLES);
        editRoles.setId("edit-roles");
        enabled.setId("edit-enabled");
        save.setId("save-user");
        editForm = new HorizontalLayout(editRoles, enabled, save);
        editForm.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(form, grid, editing, editForm);
        edit(null);
        refresh();
    }

    private void create() {
        try {
            accounts.create(username.getValue().strip(), password.getValue(), List.copyOf(roles.getValue()));
            Notification.show("Created " + username.getValue());
            username.clear();
            password.clear();
        } catch (AccountException e) {
            UserErrors.show(e);
        } catch (DataIntegrityViolationException e) {
            Notification.show("User name taken or not allowed (letters, digits, _ . @ -)");
        }
        refresh();
    }

    private void edit(UserAccounts.Account account) {
        editing.setText(account == null ? "Choose a user to change their roles or disable them"
                : "Change " + account.username());
        editForm.setVisible(account != null);
        if (account != null) {
            editRoles.setValue(Set.copyOf(account.roles()));
            enabled.setValue(account.enabled());
        }
    }

    private void save() {
        UserAccounts.Account account = grid.asSingleSelect().getValue();
        if (UserErrors.run(() -> accounts.update(account.id(), List.copyOf(editRoles.getValue()), enabled.getValue()))) {
            Notification.show("Saved " + account.username());
        }
        refresh();
    }

    /** Reloads the list, keeping the chosen user chosen (their form then shows what was saved). */
    private void refresh() {
        UserAccounts.Account chosen = grid.asSingleSelect().getValue();
        List<UserAccounts.Account> all = accounts.list();
        grid.setItems(all);
        all.stream().filter(a -> chosen != null && a.id() == chosen.id()).findFirst().ifPresent(grid::select);
    }
}
