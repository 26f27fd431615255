package dev.otter.console.page.service;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** This request's CSRF token, for the forms a page renders ({@code {inject:csrf.token}}). */
@RequestScoped
@Named("csrf")
public class CsrfToken {
    private String token;
    private boolean issued;

    public String token() {
        return token;
    }

    /** The token the browser already holds. */
    public void held(String token) {
        this.token = token;
        this.issued = false;
    }

    /** A new token, which the answer must set as a cookie. */
    public void issue(String token) {
        this.token = token;
        this.issued = true;
    }

    public boolean issued() {
        return issued;
    }
}
