//! A router that records every route it registers. Axum cannot list a
//! router's routes, and the IDOR test must walk all of them: a route with
//! a record id that the test does not cover fails it, so no page with an
//! id can be added without being probed for leaks. The sync API records
//! its routes too: a test fails when one is missing from the OpenAPI
//! document. Several methods on one path merge into one route.

use axum::Router;
use axum::handler::Handler;
use axum::routing::{delete, get, patch, post, put};

use crate::state::AppState;

/// One registered route: its method and path pattern (`/contracts/{id}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
}

impl RouteInfo {
    /// The names of the path's parameters (`{id}` → `id`).
    pub fn params(&self) -> Vec<&'static str> {
        self.path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{')?.strip_suffix('}'))
            .map(|p| p.trim_start_matches('*'))
            .collect()
    }
}

#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    table: Vec<RouteInfo>,
}

impl Routes {
    pub fn new() -> Routes {
        Routes::default()
    }

    pub fn get<H, T>(mut self, path: &'static str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, get(handler));
        self.table.push(RouteInfo {
            method: "GET",
            path,
        });
        self
    }

    pub fn post<H, T>(mut self, path: &'static str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, post(handler));
        self.table.push(RouteInfo {
            method: "POST",
            path,
        });
        self
    }

    pub fn put<H, T>(mut self, path: &'static str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, put(handler));
        self.table.push(RouteInfo {
            method: "PUT",
            path,
        });
        self
    }

    pub fn patch<H, T>(mut self, path: &'static str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, patch(handler));
        self.table.push(RouteInfo {
            method: "PATCH",
            path,
        });
        self
    }

    pub fn delete<H, T>(mut self, path: &'static str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, delete(handler));
        self.table.push(RouteInfo {
            method: "DELETE",
            path,
        });
        self
    }

    pub fn merge(mut self, other: Routes) -> Routes {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }

    pub fn table(&self) -> &[RouteInfo] {
        &self.table
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_read_from_the_pattern() {
        let r = RouteInfo {
            method: "GET",
            path: "/contracts/{id}/documents/{doc}",
        };
        assert_eq!(r.params(), vec!["id", "doc"]);
        let r = RouteInfo {
            method: "GET",
            path: "/home",
        };
        assert!(r.params().is_empty());
    }
}
