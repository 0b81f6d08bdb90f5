package io.tagforge.curation.security;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;

/** The admin's list of users and their roles; new annotators and curators are made here. */
@Route("users")
@PageTitle("Users · Tagforge")
@RolesAllowed(Roles.ADMIN)
public class UsersView extends VerticalLayout {

    private final UserAccounts accounts;
    final Grid<UserAccounts.Account> grid = new Grid<>();
    final TextField username = new TextField("User name");
    final PasswordField password = new PasswordField("Password (8+ characters)");
    final CheckboxGroup<String> roles = new CheckboxGroup<>("Roles");

    public UsersView(UserAccounts accounts) {
        this.accounts = accounts;
        grid.addColumn(UserAccounts.Account::username).setHeader("User");
        grid.addColumn(a -> String.join(", ", a.roles())).setHeader("Roles");
        grid.addColumn(a -> a.enabled() ? "" : "disabled").setHeader("");
        roles.setItems(Roles.ANNOTATOR, Roles.CURATOR, Roles.ADMIN);
        roles.setValue(java.util.Set.of(Roles.ANNOTATOR));
        Button create = new Button("Create user", e -> create());
        create.setId("create-user");
        HorizontalLayout form = new HorizontalLayout(username, password, roles, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(form, grid);
        refresh();
    }

    private void create() {
        try {
            accounts.create(username.getValue().strip(), password.getValue(), List.copyOf(roles.getValue()));
            Notification.show("Created " + username.getValue());
            username.clear();
            password.clear();
        } catch (IllegalArgumentException | DataIntegrityViolationException e) {
            Notification.show(e instanceof DataIntegrityViolationException
                    ? "User name taken or not allowed (letters, digits, _ . @ -)" : e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(accounts.list());
    }
}
