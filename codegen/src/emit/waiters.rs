//! Waiters (`smithy.waiters#waitable`): `client.wait_until_<name>()` builders
//! and the Rust their acceptors compile to.
//!
//! A path matcher's JMESPath expression ([`crate::jmespath`]) is compiled at
//! generation time, typed against the operation's output (or `{input,
//! output}`): every sub-expression has a static JMESPath type ([`JType`]) and
//! becomes a Rust expression of type `Option<R>`, `None` standing for null,
//! where `R` is the value's representation — `&str` for strings and enums
//! (their wire value), `bool`, `f64` for every number and timestamp (epoch
//! seconds), `&T` for a structure, `&HashMap` for a map and `Vec<Option<R>>`
//! for a list (projections drop nulls as JMESPath does; multi-select lists
//! and sparse lists may keep them). A path the compiler does not handle or
//! that does not type-check is an error naming the construct and where in
//! the expression it is; the plan reports it as a located `waiter-skipped`
//! warning and leaves that waiter out.

use super::docs::{doc_attrs, doc_line};
use super::plan::{CratePlan, OperationPlan};
use super::rust_types::{field_ident, field_type, ident};
use crate::jmespath::{self, Comparator, Expr, ExprKind};
use crate::model::traits::{self, AcceptorState, Matcher, PathComparator, Waiter};
use crate::model::{ShapeId, ShapeKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::cell::Cell;

/// A waiter that will be generated: which operation, and the waiter.
#[derive(Clone, Debug)]
pub struct WaiterPlan {
    /// Index into [`CratePlan::operations`].
    pub operation: usize,
    pub waiter: Waiter,
    /// `table_exists`: the file and, after `wait_until_`, the client method.
    pub module: String,
}

/// The static JMESPath type of a value.
#[derive(Clone, Debug, PartialEq)]
pub enum JType {
    Str,
    Bool,
    Num,
    /// A structure (`&T`).
    Struct(ShapeId),
    /// A map shape (`&HashMap<K, V>`).
    Map(ShapeId),
    /// `Vec<Option<R>>`.
    List(Box<JType>),
    /// The `{input, output}` object of an `inputOutput` matcher.
    IoRoot,
}

impl JType {
    fn describe(&self) -> String {
        match self {
            JType::Str => "a string".into(),
            JType::Bool => "a boolean".into(),
            JType::Num => "a number".into(),
            JType::Struct(id) => format!("structure {}", id.name),
            JType::Map(id) => format!("map {}", id.name),
            JType::List(t) => format!("a list of {}", t.describe_plural()),
            JType::IoRoot => "the {input, output} object".into(),
        }
    }

    fn describe_plural(&self) -> String {
        match self {
            JType::Str => "strings".into(),
            JType::Bool => "booleans".into(),
            JType::Num => "numbers".into(),
            JType::Struct(id) => format!("{} structures", id.name),
            JType::Map(id) => format!("{} maps", id.name),
            JType::List(t) => format!("lists of {}", t.describe_plural()),
            JType::IoRoot => "objects".into(),
        }
    }

    /// Whether the representation is `Copy` (everything but lists).
    fn is_copy(&self) -> bool {
        !matches!(self, JType::List(_))
    }

    fn is_scalar(&self) -> bool {
        matches!(self, JType::Str | JType::Bool | JType::Num)
    }
}

/// A compile error: what, and at which byte offset of the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub offset: usize,
    pub message: String,
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "at character {}: {}", self.offset + 1, self.message)
    }
}

/// A compiled sub-expression: Rust code of type `Option<R>` and its type.
struct Val {
    code: TokenStream,
    ty: JType,
}

/// The current node (`@`): an expression of type `R` (never null).
struct Cur {
    code: TokenStream,
    ty: JType,
}

impl Cur {
    /// The current node as a value to consume (cloned when not `Copy`).
    fn take(&self) -> TokenStream {
        let c = &self.code;
        if self.ty.is_copy() {
            c.clone()
        } else {
            quote!(#c.clone())
        }
    }
}

type CResult = Result<Val, CompileError>;

/// The typed compiler of one path.
pub struct PathCompiler<'a, 'm> {
    plan: &'a CratePlan<'m>,
    input: ShapeId,
    output: ShapeId,
    counter: Cell<usize>,
}

/// A compiled path matcher: the body of `fn(input, output) -> bool`.
#[derive(Debug)]
pub struct CompiledPath {
    pub body: TokenStream,
    pub uses_input: bool,
}

impl<'a, 'm> PathCompiler<'a, 'm> {
    pub fn new(plan: &'a CratePlan<'m>, op: &OperationPlan) -> Self {
        PathCompiler {
            plan,
            input: op.info.input.clone(),
            output: op.info.output.clone(),
            counter: Cell::new(0),
        }
    }

    fn fresh(&self, prefix: &str) -> proc_macro2::Ident {
        let n = self.counter.get() + 1;
        self.counter.set(n);
        format_ident!("{}{}", prefix, n)
    }

    /// Compiles `path` with `comparator` and `expected` into a boolean body
    /// over `input` and `output` (both references).
    pub fn compile_matcher(
        &self,
        path: &str,
        input_output: bool,
        comparator: PathComparator,
        expected: &str,
    ) -> Result<CompiledPath, CompileError> {
        let expr = jmespath::parse(path).map_err(|e| CompileError {
            offset: e.offset,
            message: e.message,
        })?;
        let root = if input_output {
            Cur {
                code: quote!(()),
                ty: JType::IoRoot,
            }
        } else {
            Cur {
                code: quote!(output),
                ty: JType::Struct(self.output.clone()),
            }
        };
        let value = self.compile(&expr, &root)?;
        let code = &value.code;
        let mismatch = |want: &str| CompileError {
            offset: 0,
            message: format!(
                "{} needs {want}, but the path gives {}",
                comparator.as_str(),
                value.ty.describe()
            ),
        };
        let compare = match comparator {
            PathComparator::StringEquals => {
                if value.ty != JType::Str {
                    return Err(mismatch("a string"));
                }
                quote!(value == ::std::option::Option::Some(#expected))
            }
            PathComparator::BooleanEquals => {
                if value.ty != JType::Bool {
                    return Err(mismatch("a boolean"));
                }
                let b = match expected {
                    "true" => true,
                    "false" => false,
                    other => {
                        return Err(CompileError {
                            offset: 0,
                            message: format!(
                                "booleanEquals expects \"true\" or \"false\", not {other:?}"
                            ),
                        })
                    }
                };
                quote!(value == ::std::option::Option::Some(#b))
            }
            PathComparator::AllStringEquals | PathComparator::AnyStringEquals => {
                if value.ty != JType::List(Box::new(JType::Str)) {
                    return Err(mismatch("a list of strings"));
                }
                if comparator == PathComparator::AllStringEquals {
                    quote!(value.is_some_and(|list| !list.is_empty() && list.iter().all(|v| *v == ::std::option::Option::Some(#expected))))
                } else {
                    quote!(value.is_some_and(|list| list.contains(&::std::option::Option::Some(#expected))))
                }
            }
        };
        let uses_input = input_output && path_mentions_input(&expr);
        Ok(CompiledPath {
            body: quote! {
                let value = #code;
                #compare
            },
            uses_input,
        })
    }

    fn compile(&self, e: &Expr, cur: &Cur) -> CResult {
        let err = |message: String| CompileError {
            offset: e.offset,
            message,
        };
        match &e.kind {
            ExprKind::Identity => {
                if cur.ty == JType::IoRoot {
                    return Err(err(
                        "`@` of the {input, output} object is not supported".into()
                    ));
                }
                let c = cur.take();
                Ok(Val {
                    code: quote!(::std::option::Option::Some(#c)),
                    ty: cur.ty.clone(),
                })
            }
            ExprKind::Field(name) => self.field(name, cur).map_err(err),
            ExprKind::Subexpr(lhs, rhs) | ExprKind::Pipe(lhs, rhs) => {
                let l = self.compile(lhs, cur)?;
                let v = self.fresh("v");
                let r = self.compile(
                    rhs,
                    &Cur {
                        code: quote!(#v),
                        ty: l.ty.clone(),
                    },
                )?;
                let (lc, rc) = (&l.code, &r.code);
                Ok(Val {
                    code: quote!(#lc.and_then(|#v| #rc)),
                    ty: r.ty,
                })
            }
            ExprKind::Index(lhs, n) => {
                let l = self.compile(lhs, cur)?;
                let JType::List(item) = l.ty else {
                    return Err(err(format!(
                        "an index applies to a list, not to {}",
                        l.ty.describe()
                    )));
                };
                let lc = &l.code;
                let list = self.fresh("list");
                let code = if *n >= 0 {
                    let i = proc_macro2::Literal::usize_unsuffixed(*n as usize);
                    quote!(#lc.and_then(|#list| #list.into_iter().nth(#i).flatten()))
                } else {
                    let back = proc_macro2::Literal::usize_unsuffixed(n.unsigned_abs() as usize);
                    quote!(#lc.and_then(|#list| {
                        let at = #list.len().checked_sub(#back)?;
                        #list.into_iter().nth(at).flatten()
                    }))
                };
                Ok(Val { code, ty: *item })
            }
            ExprKind::Flatten(lhs) => {
                let l = self.compile(lhs, cur)?;
                match l.ty {
                    JType::List(item) => match *item {
                        JType::List(inner) => {
                            let lc = &l.code;
                            let list = self.fresh("list");
                            Ok(Val {
                                code: quote!(#lc.map(|#list| #list.into_iter().flat_map(|e| e.unwrap_or_else(|| ::std::vec![::std::option::Option::None])).collect::<::std::vec::Vec<_>>())),
                                ty: JType::List(inner),
                            })
                        }
                        other => Ok(Val {
                            code: l.code,
                            ty: JType::List(Box::new(other)),
                        }),
                    },
                    other => Err(err(format!(
                        "`[]` flattens a list, not {}",
                        other.describe()
                    ))),
                }
            }
            ExprKind::Projection { lhs, rhs } => {
                let l = self.compile(lhs, cur)?;
                let JType::List(item) = l.ty else {
                    return Err(err(format!(
                        "a projection applies to a list, not to {}",
                        l.ty.describe()
                    )));
                };
                let list = self.fresh("list");
                let iter = quote!(#list.into_iter());
                let lc = &l.code;
                let (body, ty) = self.project(iter, *item, rhs, true)?;
                Ok(Val {
                    code: quote!(#lc.map(|#list| #body)),
                    ty,
                })
            }
            ExprKind::ValueProjection { lhs, rhs } => {
                let l = self.compile(lhs, cur)?;
                let JType::Map(map_id) = &l.ty else {
                    return Err(err(format!(
                        "`*` projects the values of a map; {} is not supported",
                        l.ty.describe()
                    )));
                };
                let value_target = self
                    .plan
                    .shape(map_id)
                    .and_then(|s| s.member("value"))
                    .map(|m| m.target.clone())
                    .ok_or_else(|| err(format!("map {} has no value member", map_id.name)))?;
                let x = self.fresh("x");
                let (rep, item) = self.value_rep(&value_target, quote!(#x)).map_err(err)?;
                let map = self.fresh("map");
                let iter = if x == rep.to_string() {
                    quote!(#map.values())
                } else {
                    quote!(#map.values().map(|#x| #rep))
                };
                let lc = &l.code;
                let (body, ty) = self.project(iter, item, rhs, false)?;
                Ok(Val {
                    code: quote!(#lc.map(|#map| #body)),
                    ty,
                })
            }
            ExprKind::Filter { lhs, cond, rhs } => {
                let l = self.compile(lhs, cur)?;
                let JType::List(item) = l.ty else {
                    return Err(err(format!(
                        "a filter applies to a list, not to {}",
                        l.ty.describe()
                    )));
                };
                let v = self.fresh("v");
                let here = Cur {
                    code: quote!(#v),
                    ty: (*item).clone(),
                };
                let c = self.compile(cond, &here)?;
                let cc = &c.code;
                let keep = truthy(&c.ty, quote!(keep));
                let r = self.compile(rhs, &here)?;
                let list = self.fresh("list");
                let lc = &l.code;
                let rc = &r.code;
                Ok(Val {
                    code: quote!(#lc.map(|#list| #list
                        .into_iter()
                        .flatten()
                        .filter_map(|#v| {
                            let keep = #cc;
                            if #keep { #rc } else { ::std::option::Option::None }
                        })
                        .map(::std::option::Option::Some)
                        .collect::<::std::vec::Vec<_>>())),
                    ty: JType::List(Box::new(r.ty)),
                })
            }
            ExprKind::Compare(op, a, b) => {
                let l = self.compile(a, cur)?;
                let r = self.compile(b, cur)?;
                if l.ty != r.ty || !l.ty.is_scalar() {
                    return Err(err(format!(
                        "`{}` compares {} with {}; only strings, booleans or numbers of the same type compare",
                        op.as_str(),
                        l.ty.describe(),
                        r.ty.describe()
                    )));
                }
                let (lc, rc) = (&l.code, &r.code);
                let code = match op {
                    Comparator::Eq => quote!(::std::option::Option::Some(#lc == #rc)),
                    Comparator::Ne => quote!(::std::option::Option::Some(#lc != #rc)),
                    ordering => {
                        if l.ty != JType::Num {
                            return Err(err(format!(
                                "`{}` orders numbers, not {}",
                                ordering.as_str(),
                                l.ty.describe_plural()
                            )));
                        }
                        let cmp: TokenStream = ordering.as_str().parse().expect("an operator");
                        quote!(#lc.zip(#rc).map(|(a, b)| a #cmp b))
                    }
                };
                Ok(Val {
                    code,
                    ty: JType::Bool,
                })
            }
            ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                let l = self.compile(a, cur)?;
                let r = self.compile(b, cur)?;
                let and = matches!(e.kind, ExprKind::And(..));
                if l.ty != r.ty {
                    return Err(err(format!(
                        "`{}` joins {} and {}; both sides must have the same type",
                        if and { "&&" } else { "||" },
                        l.ty.describe(),
                        r.ty.describe()
                    )));
                }
                let test = truthy(&l.ty, quote!(first));
                let (lc, rc) = (&l.code, &r.code);
                let code = if and {
                    quote!({
                        let first = #lc;
                        if #test { #rc } else { first }
                    })
                } else {
                    quote!({
                        let first = #lc;
                        if #test { first } else { #rc }
                    })
                };
                Ok(Val { code, ty: l.ty })
            }
            ExprKind::Not(a) => {
                let v = self.compile(a, cur)?;
                let vc = &v.code;
                let test = truthy(&v.ty, quote!(operand));
                Ok(Val {
                    code: quote!({
                        let operand = #vc;
                        ::std::option::Option::Some(!(#test))
                    }),
                    ty: JType::Bool,
                })
            }
            ExprKind::Literal(value) => match value {
                serde_json::Value::Bool(b) => Ok(Val {
                    code: quote!(::std::option::Option::Some(#b)),
                    ty: JType::Bool,
                }),
                serde_json::Value::Number(n) => {
                    let f = n
                        .as_f64()
                        .ok_or_else(|| err(format!("literal {n} is not a number Rust can hold")))?;
                    let lit = proc_macro2::Literal::f64_suffixed(f);
                    Ok(Val {
                        code: quote!(::std::option::Option::Some(#lit)),
                        ty: JType::Num,
                    })
                }
                serde_json::Value::String(s) => Ok(Val {
                    code: quote!(::std::option::Option::Some(#s)),
                    ty: JType::Str,
                }),
                other => Err(err(format!(
                    "literal `{other}` is not supported (only strings, numbers and booleans)"
                ))),
            },
            ExprKind::RawString(s) => Ok(Val {
                code: quote!(::std::option::Option::Some(#s)),
                ty: JType::Str,
            }),
            ExprKind::Function(name, args) => self.function(name, args, cur, e.offset),
            ExprKind::MultiSelectList(items) => {
                let mut codes = Vec::new();
                let mut ty: Option<JType> = None;
                for item in items {
                    let v = self.compile(item, cur)?;
                    match &ty {
                        Some(t) if *t != v.ty => {
                            return Err(CompileError {
                                offset: item.offset,
                                message: format!(
                                "a multi-select list mixes {} and {}; its items must have one type",
                                t.describe_plural(),
                                v.ty.describe_plural()
                            ),
                            })
                        }
                        _ => ty = Some(v.ty),
                    }
                    codes.push(v.code);
                }
                let ty = ty.expect("a multi-select list has an item");
                Ok(Val {
                    code: quote!(::std::option::Option::Some(::std::vec![#(#codes),*])),
                    ty: JType::List(Box::new(ty)),
                })
            }
            ExprKind::Slice { .. } => Err(err("slices are not supported".into())),
            ExprKind::MultiSelectHash(_) => {
                Err(err("multi-select hashes are not supported".into()))
            }
            ExprKind::ExpressionRef(_) => Err(err(
                "expression references (`&expr`) are not supported".into(),
            )),
        }
    }

    /// The body of a projection of `rhs` over `iter` (an iterator of
    /// `Option<R>` items of type `item` when `nullable`, else of `R`): a
    /// `Vec` of the non-null results.
    fn project(
        &self,
        iter: TokenStream,
        item: JType,
        rhs: &Expr,
        nullable: bool,
    ) -> Result<(TokenStream, JType), CompileError> {
        if rhs.kind == ExprKind::Identity {
            let body = if nullable {
                quote!(#iter.filter(::std::option::Option::is_some).collect::<::std::vec::Vec<_>>())
            } else {
                quote!(#iter.map(::std::option::Option::Some).collect::<::std::vec::Vec<_>>())
            };
            return Ok((body, JType::List(Box::new(item))));
        }
        let v = self.fresh("v");
        let r = self.compile(
            rhs,
            &Cur {
                code: quote!(#v),
                ty: item,
            },
        )?;
        let rc = &r.code;
        let values = if nullable {
            quote!(#iter.flatten())
        } else {
            iter
        };
        Ok((
            quote!(#values
                .filter_map(|#v| #rc)
                .map(::std::option::Option::Some)
                .collect::<::std::vec::Vec<_>>()),
            JType::List(Box::new(r.ty)),
        ))
    }

    /// `name` of the current node.
    fn field(&self, name: &str, cur: &Cur) -> Result<Val, String> {
        let base = &cur.code;
        match &cur.ty {
            JType::IoRoot => {
                let (code, id) = match name {
                    "input" => (quote!(input), self.input.clone()),
                    "output" => (quote!(output), self.output.clone()),
                    other => {
                        return Err(format!(
                            "an inputOutput path starts with `input` or `output`, not `{other}`"
                        ))
                    }
                };
                Ok(Val {
                    code: quote!(::std::option::Option::Some(#code)),
                    ty: JType::Struct(id),
                })
            }
            JType::Struct(id) => {
                let shape = self
                    .plan
                    .shape(id)
                    .ok_or_else(|| format!("shape {id} is not in the model"))?;
                if shape.kind == ShapeKind::Union {
                    return Err(format!(
                        "`{name}` selects a member of union {}; unions are not supported in waiter paths",
                        id.name
                    ));
                }
                let Some(member) = shape.member(name) else {
                    let names: Vec<&str> = shape.members.iter().map(|m| m.name.as_str()).collect();
                    return Err(if names.is_empty() {
                        format!(
                            "structure {} has no member `{name}` (it has no members)",
                            id.name
                        )
                    } else {
                        format!(
                            "structure {} has no member `{name}` (members: {})",
                            id.name,
                            names.join(", ")
                        )
                    });
                };
                self.member_value(id, member, base)
            }
            JType::Map(id) => {
                let shape = self
                    .plan
                    .shape(id)
                    .ok_or_else(|| format!("shape {id} is not in the model"))?;
                let key_is_string = shape
                    .member("key")
                    .and_then(|k| self.plan.shape(&k.target))
                    .is_some_and(|k| {
                        k.kind == ShapeKind::String && !k.has_trait(&traits::enum_trait())
                    });
                let value = shape
                    .member("value")
                    .ok_or_else(|| format!("map {} has no value member", id.name))?;
                if !key_is_string {
                    return Err(format!(
                        "`{name}` looks up a key of map {}, whose keys are not plain strings",
                        id.name
                    ));
                }
                let x = self.fresh("x");
                let (rep, ty) = self.value_rep(&value.target, quote!(#x))?;
                Ok(Val {
                    code: quote!(#base.get(#name).map(|#x| #rep)),
                    ty,
                })
            }
            other => Err(format!(
                "`{name}` selects a member, but the value here is {}",
                other.describe()
            )),
        }
    }

    /// The value of `member` of the structure `base` (a `&T` expression).
    fn member_value(
        &self,
        owner: &ShapeId,
        member: &crate::model::Member,
        base: &TokenStream,
    ) -> Result<Val, String> {
        let f = field_ident(member);
        let ft = field_type(self.plan, owner, member);
        let target = self.plan.shape(&member.target).ok_or_else(|| {
            format!(
                "member `{}` targets {}, which is not in the model",
                member.name, member.target
            )
        })?;
        let some = |c: TokenStream| quote!(::std::option::Option::Some(#c));
        let place = quote!(#base.#f);
        use ShapeKind::*;
        let (code, ty) = match target.kind {
            String => (
                if ft.optional {
                    quote!(#place.as_deref())
                } else {
                    some(quote!(#place.as_str()))
                },
                JType::Str,
            ),
            Enum => (
                if ft.optional {
                    quote!(#place.as_ref().map(|v| v.as_str()))
                } else {
                    some(quote!(#place.as_str()))
                },
                JType::Str,
            ),
            Boolean | Double => (
                if ft.optional { place } else { some(place) },
                if target.kind == Boolean {
                    JType::Bool
                } else {
                    JType::Num
                },
            ),
            Byte | Short | Integer | IntEnum | Float => (
                if ft.optional {
                    quote!(#place.map(f64::from))
                } else {
                    some(quote!(f64::from(#place)))
                },
                JType::Num,
            ),
            Long => (
                if ft.optional {
                    quote!(#place.map(|v| v as f64))
                } else {
                    some(quote!(#place as f64))
                },
                JType::Num,
            ),
            Timestamp => (
                if ft.optional {
                    quote!(#place.map(|v| v.as_secs_f64()))
                } else {
                    some(quote!(#place.as_secs_f64()))
                },
                JType::Num,
            ),
            Structure | Union => (
                match (ft.optional, ft.boxed) {
                    (true, true) => quote!(#place.as_deref()),
                    (true, false) => quote!(#place.as_ref()),
                    (false, true) => some(quote!(&*#place)),
                    (false, false) => some(quote!(&#place)),
                },
                JType::Struct(member.target.clone()),
            ),
            Map => {
                if target.has_trait(&traits::sparse()) {
                    return Err(format!(
                        "member `{}` is a sparse map, which waiter paths do not support",
                        member.name
                    ));
                }
                (
                    if ft.optional {
                        quote!(#place.as_ref())
                    } else {
                        some(quote!(&#place))
                    },
                    JType::Map(member.target.clone()),
                )
            }
            List => {
                let l = self.fresh("l");
                let (collect, ty) = self.list_rep(&member.target, quote!(#l))?;
                (
                    if ft.optional {
                        quote!(#place.as_ref().map(|#l| #collect))
                    } else {
                        let p = quote!(&#place);
                        some(quote!({ let #l = #p; #collect }))
                    },
                    ty,
                )
            }
            other => {
                return Err(format!(
                    "member `{}` targets a {}, which waiter paths cannot use",
                    member.name,
                    other.name()
                ))
            }
        };
        Ok(Val { code, ty })
    }

    /// `Vec<Option<R>>` of the list `l` (a `&Vec<T>` expression) of shape `list`.
    fn list_rep(&self, list: &ShapeId, l: TokenStream) -> Result<(TokenStream, JType), String> {
        let shape = self
            .plan
            .shape(list)
            .ok_or_else(|| format!("shape {list} is not in the model"))?;
        let item = shape
            .member("member")
            .ok_or_else(|| format!("list {} has no member", list.name))?;
        let x = self.fresh("x");
        let (rep, ty) = self.value_rep(&item.target, quote!(#x))?;
        let wrap = if shape.has_trait(&traits::sparse()) {
            let y = self.fresh("x");
            let (rep, _) = self.value_rep(&item.target, quote!(#y))?;
            quote!(.map(|#x| #x.as_ref().map(|#y| #rep)))
        } else if x == rep.to_string() {
            quote!(.map(::std::option::Option::Some))
        } else {
            quote!(.map(|#x| ::std::option::Option::Some(#rep)))
        };
        Ok((
            quote!(#l.iter() #wrap .collect::<::std::vec::Vec<_>>()),
            JType::List(Box::new(ty)),
        ))
    }

    /// `R` of a value `x` (a `&T` expression) of shape `id`.
    fn value_rep(&self, id: &ShapeId, x: TokenStream) -> Result<(TokenStream, JType), String> {
        let shape = self
            .plan
            .shape(id)
            .ok_or_else(|| format!("shape {id} is not in the model"))?;
        use ShapeKind::*;
        Ok(match shape.kind {
            String | Enum => (quote!(#x.as_str()), JType::Str),
            Boolean => (quote!(*#x), JType::Bool),
            Double => (quote!(*#x), JType::Num),
            Byte | Short | Integer | IntEnum | Float => (quote!(f64::from(*#x)), JType::Num),
            Long => (quote!(*#x as f64), JType::Num),
            Timestamp => (quote!(#x.as_secs_f64()), JType::Num),
            Structure | Union => (x, JType::Struct(id.clone())),
            Map => {
                if shape.has_trait(&traits::sparse()) {
                    return Err(format!(
                        "map {} is sparse, which waiter paths do not support",
                        id.name
                    ));
                }
                (x, JType::Map(id.clone()))
            }
            List => self.list_rep(id, x)?,
            other => {
                return Err(format!(
                    "{} is a {}, which waiter paths cannot use",
                    id.name,
                    other.name()
                ))
            }
        })
    }

    fn function(&self, name: &str, args: &[Expr], cur: &Cur, offset: usize) -> CResult {
        let err = |message: String| CompileError { offset, message };
        match (name, args) {
            ("length", [arg]) => {
                let v = self.compile(arg, cur)?;
                let c = &v.code;
                let code = match v.ty {
                    JType::Str => quote!(#c.map(|s| s.chars().count() as f64)),
                    JType::List(_) | JType::Map(_) => quote!(#c.map(|l| l.len() as f64)),
                    other => {
                        return Err(err(format!(
                            "length() takes a string, list or map, not {}",
                            other.describe()
                        )))
                    }
                };
                Ok(Val {
                    code,
                    ty: JType::Num,
                })
            }
            ("contains", [subject, search]) => {
                let s = self.compile(subject, cur)?;
                let x = self.compile(search, cur)?;
                let (sc, xc) = (&s.code, &x.code);
                let code = match &s.ty {
                    JType::List(item) if **item == x.ty && x.ty.is_scalar() => quote!({
                        let search = #xc;
                        #sc.map(|list| list.contains(&search))
                    }),
                    JType::Str if x.ty == JType::Str => {
                        quote!(#sc.zip(#xc).map(|(s, search)| s.contains(search)))
                    }
                    other => {
                        return Err(err(format!(
                            "contains() searches a list of strings, booleans or numbers for one of them, or a string for a string; not {} for {}",
                            other.describe(),
                            x.ty.describe()
                        )))
                    }
                };
                Ok(Val {
                    code,
                    ty: JType::Bool,
                })
            }
            ("length", _) | ("contains", _) => Err(err(format!(
                "{name}() takes {} argument(s), not {}",
                if name == "length" { 1 } else { 2 },
                args.len()
            ))),
            _ => Err(err(format!(
                "function {name}() is not supported in waiter paths (supported: length, contains)"
            ))),
        }
    }
}

/// Whether the `Option<R>` variable `c` of type `ty` is truthy by JMESPath's rules (null, false, empty strings,
/// lists and maps are false), as a `bool` expression.
fn truthy(ty: &JType, c: TokenStream) -> TokenStream {
    match ty {
        JType::Bool => quote!(#c == ::std::option::Option::Some(true)),
        JType::Str => quote!(#c.is_some_and(|s| !s.is_empty())),
        JType::List(_) => quote!(#c.is_some_and(|l| !l.is_empty())),
        JType::Map(_) => quote!(#c.is_some_and(|m| !m.is_empty())),
        // A structure that is present counts as a non-empty object.
        JType::Num | JType::Struct(_) | JType::IoRoot => quote!(#c.is_some()),
    }
}

/// The span of character `offset` of a path written as the string literal
/// at `span` (its opening quote), when the literal has no escapes to throw
/// the count off; else the literal's own span.
fn at_character(span: crate::source::Span, path: &str, offset: usize) -> crate::source::Span {
    let plain = !path.contains(['"', '\\', '\n', '\r', '\t']) && path.is_ascii();
    match (plain, u32::try_from(offset + 1)) {
        (true, Ok(shift)) if offset <= path.len() => crate::source::Span {
            column: span.column + shift,
            offset: span.offset + shift,
            ..span
        },
        _ => span,
    }
}

fn path_mentions_input(e: &Expr) -> bool {
    use ExprKind::*;
    match &e.kind {
        Field(n) => n == "input",
        Identity | Literal(_) | RawString(_) => false,
        Subexpr(a, _) | Pipe(a, _) | Index(a, _) | Flatten(a) | Not(a) | ExpressionRef(a) => {
            path_mentions_input(a)
        }
        Slice { lhs, .. }
        | Projection { lhs, .. }
        | ValueProjection { lhs, .. }
        | Filter { lhs, .. } => path_mentions_input(lhs),
        Compare(_, a, b) | And(a, b) | Or(a, b) => path_mentions_input(a) || path_mentions_input(b),
        Function(_, args) | MultiSelectList(args) => args.iter().any(path_mentions_input),
        MultiSelectHash(pairs) => pairs.iter().any(|(_, e)| path_mentions_input(e)),
    }
}

/// Compiles every acceptor of `waiter`: the matcher functions and the
/// `classify` function, or the first error with where it is.
fn acceptor_fns(
    plan: &CratePlan,
    op: &OperationPlan,
    waiter: &Waiter,
) -> Result<(TokenStream, bool), (crate::source::Span, String)> {
    let compiler = PathCompiler::new(plan, op);
    let m = ident(&op.module);
    let input_ty = format_ident!("{}Input", op.rust_name);
    let output_ty = format_ident!("{}Output", op.rust_name);
    let error_ty = format_ident!("{}Error", op.rust_name);
    let mut fns = Vec::new();
    let mut arms = Vec::new();
    let mut uses_input = false;
    for (i, acceptor) in waiter.acceptors.iter().enumerate() {
        let state = match acceptor.state {
            AcceptorState::Success => quote!(Success),
            AcceptorState::Failure => quote!(Failure),
            AcceptorState::Retry => quote!(Retry),
        };
        let ret = quote!(return ::apigen_runtime::waiter::AcceptorState::#state;);
        match &acceptor.matcher {
            Matcher::Output(pm) | Matcher::InputOutput(pm) => {
                let io = matches!(acceptor.matcher, Matcher::InputOutput(_));
                let compiled = compiler
                    .compile_matcher(&pm.path, io, pm.comparator, &pm.expected)
                    .map_err(|e| {
                        (
                            at_character(pm.path_span, &pm.path, e.offset),
                            format!("acceptor {} path {:?} {}", i + 1, pm.path, e),
                        )
                    })?;
                let f = format_ident!("acceptor_{}", i + 1);
                let body = compiled.body;
                let doc = doc_line(&format!(
                    "Acceptor {} ({}): `{}` {} {:?}.",
                    i + 1,
                    match acceptor.state {
                        AcceptorState::Success => "success",
                        AcceptorState::Failure => "failure",
                        AcceptorState::Retry => "retry",
                    },
                    pm.path.replace('`', "'"),
                    pm.comparator.as_str(),
                    pm.expected
                ));
                let allow = quote!(#[allow(
                    clippy::bind_instead_of_map,
                    clippy::unnecessary_filter_map,
                    clippy::map_identity,
                    clippy::redundant_closure,
                    clippy::useless_conversion,
                    clippy::clone_on_copy,
                    clippy::iter_nth_zero,
                    clippy::nonminimal_bool,
                    clippy::unnecessary_lazy_evaluations,
                    clippy::manual_filter,
                    clippy::let_and_return
                )]);
                if compiled.uses_input {
                    uses_input = true;
                    fns.push(quote! {
                        #doc
                        #allow
                        fn #f(input: &crate::operation::#m::#input_ty, output: &crate::operation::#m::#output_ty) -> bool {
                            #body
                        }
                    });
                    arms.push(quote!(if let Ok(output) = result { if #f(input, output) { #ret } }));
                } else {
                    fns.push(quote! {
                        #doc
                        #allow
                        fn #f(output: &crate::operation::#m::#output_ty) -> bool {
                            #body
                        }
                    });
                    arms.push(quote!(if let Ok(output) = result { if #f(output) { #ret } }));
                }
            }
            Matcher::Success(true) => arms.push(quote!(if result.is_ok() { #ret })),
            Matcher::Success(false) => arms.push(quote!(if result.is_err() { #ret })),
            Matcher::ErrorType(name) => arms.push(quote! {
                if let Err(err) = result {
                    if err.as_service_error().and_then(|e| e.code()) == Some(#name) { #ret }
                }
            }),
        }
    }
    let input_param = if uses_input {
        quote!(input: &crate::operation::#m::#input_ty,)
    } else {
        quote!(_input: &crate::operation::#m::#input_ty,)
    };
    let classify_doc =
        doc_line("The waiter's acceptors in order: the state of the first that matches.");
    Ok((
        quote! {
            #(#fns)*

            #classify_doc
            fn classify(
                #input_param
                result: &::std::result::Result<crate::operation::#m::#output_ty, ::apigen_runtime::SdkError<crate::operation::#m::#error_ty>>,
            ) -> ::apigen_runtime::waiter::AcceptorState {
                #(#arms)*
                ::apigen_runtime::waiter::AcceptorState::NoMatch
            }
        },
        uses_input,
    ))
}

/// Checks that every acceptor of `waiter` compiles: `Err` names the span
/// and the reason when one does not.
pub fn check(
    plan: &CratePlan,
    op: &OperationPlan,
    waiter: &Waiter,
) -> Result<(), (crate::source::Span, String)> {
    if !waiter
        .acceptors
        .iter()
        .any(|a| a.state == AcceptorState::Success)
    {
        return Err((waiter.span, "it has no success acceptor".into()));
    }
    // The builder's own methods must not meet an input setter.
    if let Some(input) = plan.shape(&op.info.input) {
        for m in &input.members {
            let setter = crate::names::member_field_name(&m.name);
            if matches!(setter.as_str(), "wait" | "as_input" | "new") {
                return Err((
                    m.span,
                    format!("input member `{}` would have a setter named like the waiter builder's own `{setter}()`", m.name),
                ));
            }
        }
    }
    for a in &waiter.acceptors {
        if let Matcher::Output(_) | Matcher::InputOutput(_) = a.matcher {
            if op.info.output.is_prelude() {
                return Err((
                    a.span,
                    "a path matcher needs an output, and the operation has none".into(),
                ));
            }
        }
    }
    acceptor_fns(plan, op, waiter).map(|_| ())
}

/// `waiters/<name>.rs`.
pub fn waiter_file(plan: &CratePlan, w: &WaiterPlan) -> (String, TokenStream) {
    let op = &plan.operations[w.operation];
    let waiter = &w.waiter;
    let m = ident(&op.module);
    let input_ty = format_ident!("{}Input", op.rust_name);
    let input_builder = format_ident!("{}InputBuilder", op.rust_name);
    let output_ty = format_ident!("{}Output", op.rust_name);
    let error_ty = format_ident!("{}Error", op.rust_name);
    let rust = crate::names::type_name(&waiter.name);
    let builder = format_ident!("WaitUntil{}FluentBuilder", rust);
    let final_poll = format_ident!("{}FinalPoll", rust);
    let error_alias = format_ident!("WaitUntil{}Error", rust);
    let (acceptors, _) = match acceptor_fns(plan, op, waiter) {
        Ok(a) => a,
        // The plan keeps only waiters that compile.
        Err(_) => return (format!("waiters/{}.rs", w.module), quote!()),
    };
    let input_shape = plan
        .shape(&op.info.input)
        .filter(|s| s.kind == ShapeKind::Structure && !op.info.input.is_prelude());
    let members: Vec<_> = input_shape
        .map(|s| {
            s.members
                .iter()
                .map(|mem| super::setters::MemberSetter::new(plan, &s.id, mem))
                .collect()
        })
        .unwrap_or_default();
    let setters = super::setters::setter_items(&members, super::setters::Target::Delegate);
    let has_required = input_shape.is_some_and(|s| {
        s.members.iter().any(|mem| {
            traits::is_required(&mem.traits)
                && super::rust_types::default_value(plan, mem).is_none()
        })
    });
    let build_input = if has_required {
        quote!(self
            .inner
            .build()
            .map_err(::apigen_runtime::waiter::WaiterError::construction)?)
    } else {
        quote!(self.inner.build())
    };
    let (min, max) = (waiter.min_delay, waiter.max_delay);
    let (min_lit, max_lit) = (
        proc_macro2::Literal::u64_unsuffixed(min),
        proc_macro2::Literal::u64_unsuffixed(max),
    );
    let file_doc = format!(" The `{}` waiter of `{}`.", waiter.name, op.wire_name());
    let summary = waiter.docs.clone().unwrap_or_else(|| {
        format!(
            "Waits until `{}` reports the `{}` state.",
            op.wire_name(),
            waiter.name
        )
    });
    let builder_doc = doc_attrs(
        Some(&format!(
            "{summary}\n\nA waiter builder: set `{}`'s input, then `wait(max_wait).await`. Polls with exponential backoff between {min} s and {max} s.",
            op.wire_name()
        )),
        "",
    );
    let poll_doc = doc_line(&format!(
        "The poll of `{}` that matched a success acceptor (an output, or an error when the waiter waits for one).",
        op.wire_name()
    ));
    let err_doc = doc_line(&format!("Why waiting for `{}` failed.", waiter.name));
    let wait_doc = doc_line(&format!(
        "Calls `{}` until an acceptor ends the wait or `max_wait` passes: `Ok` with the final poll on success; `Err` for a failure state, a timeout, an error no acceptor matched, or an input that cannot be built.",
        op.wire_name()
    ));
    let body = quote! {
        #![doc = #file_doc]

        #poll_doc
        pub type #final_poll = ::apigen_runtime::waiter::FinalPoll<
            crate::operation::#m::#output_ty,
            ::apigen_runtime::SdkError<crate::operation::#m::#error_ty>,
        >;

        #err_doc
        pub type #error_alias = ::apigen_runtime::waiter::WaiterError<
            crate::operation::#m::#output_ty,
            ::apigen_runtime::SdkError<crate::operation::#m::#error_ty>,
        >;

        #builder_doc
        #[derive(Clone, Debug)]
        pub struct #builder {
            handle: ::std::sync::Arc<::apigen_runtime::Handle>,
            inner: crate::operation::#m::#input_builder,
        }

        impl #builder {
            pub(crate) fn new(handle: ::std::sync::Arc<::apigen_runtime::Handle>) -> Self {
                Self { handle, inner: crate::operation::#m::#input_ty::builder() }
            }

            /// The input built so far.
            pub fn as_input(&self) -> &crate::operation::#m::#input_builder {
                &self.inner
            }

            #wait_doc
            pub async fn wait(self, max_wait: ::std::time::Duration) -> ::std::result::Result<#final_poll, #error_alias> {
                let input = #build_input;
                let handle = self.handle;
                ::apigen_runtime::waiter::wait(
                    ::apigen_runtime::waiter::Delays::from_secs(#min_lit, #max_lit),
                    max_wait,
                    || {
                        let input = input.clone();
                        let handle = handle.clone();
                        async move { crate::operation::#m::invoke(&handle, input).await }
                    },
                    |result| classify(&input, result),
                )
                .await
            }

            #setters
        }

        #acceptors
    };
    (format!("waiters/{}.rs", w.module), body)
}

/// `waiters/mod.rs`.
pub fn module_file(plan: &CratePlan) -> (String, TokenStream) {
    let mods = plan.waiters.iter().map(|w| {
        let m = ident(&w.module);
        let op = &plan.operations[w.operation];
        let doc = doc_line(&format!(
            "The `{}` waiter of `{}`.",
            w.waiter.name,
            op.wire_name()
        ));
        quote!(#doc pub mod #m;)
    });
    (
        "waiters/mod.rs".into(),
        quote! {
            //! Waiters: poll an operation until a resource reaches a state
            //! (`client.wait_until_*()`).
            #(#mods)*
        },
    )
}

/// The `Client` methods: `wait_until_<name>()`.
pub fn client_methods(plan: &CratePlan) -> Vec<TokenStream> {
    plan.waiters
        .iter()
        .map(|w| {
            let op = &plan.operations[w.operation];
            let m = ident(&w.module);
            let method = format_ident!("wait_until_{}", w.module);
            let builder = format_ident!("WaitUntil{}FluentBuilder", crate::names::type_name(&w.waiter.name));
            let summary = w.waiter.docs.clone().unwrap_or_else(|| {
                format!(
                    "Waits until `{}` reports the `{}` state.",
                    op.wire_name(),
                    w.waiter.name
                )
            });
            let docs = doc_attrs(
                Some(&format!(
                    "{summary}\n\nSet the input of `{}` on the builder, then call `.wait(max_wait).await`.",
                    op.wire_name()
                )),
                "",
            );
            let deprecated = w.waiter.deprecated.then(|| quote!(#[deprecated]));
            quote! {
                #docs
                #deprecated
                pub fn #method(&self) -> crate::waiters::#m::#builder {
                    crate::waiters::#m::#builder::new(self.handle.clone())
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::EmitOptions;

    const MODEL: &str = include_str!("../../tests/waiters/things.smithy");

    fn with_plan(f: impl FnOnce(&CratePlan, &mut crate::diag::Diagnostics)) {
        let mut input = crate::load::Input::new();
        input.add_model("things.smithy".into(), MODEL.to_string());
        let loaded = input.finish(false);
        assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
        let mut diags = crate::diag::Diagnostics::new();
        let plan =
            CratePlan::new(&loaded.model, &EmitOptions::default(), &mut diags).expect("a plan");
        f(&plan, &mut diags);
    }

    fn op<'p, 'm>(plan: &'p CratePlan<'m>, name: &str) -> &'p OperationPlan<'m> {
        plan.operations
            .iter()
            .find(|o| o.wire_name() == name)
            .expect("the operation")
    }

    /// The compiled body of `path` over `operation`'s output, as text.
    fn compile(
        plan: &CratePlan,
        operation: &str,
        path: &str,
        comparator: PathComparator,
    ) -> Result<String, CompileError> {
        let c = PathCompiler::new(plan, op(plan, operation));
        c.compile_matcher(path, path.contains("input."), comparator, "x")
            .map(|p| {
                p.body
                    .to_string()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
    }

    #[test]
    fn the_model_plans_every_waiter_but_the_broken_one() {
        with_plan(|plan, diags| {
            let names: Vec<&str> = plan
                .waiters
                .iter()
                .map(|w| w.waiter.name.as_str())
                .collect();
            assert_eq!(
                names,
                [
                    "ThingReady",
                    "ThingGone",
                    "ThingNamedAsAsked",
                    "ThingAnswers",
                    "AllActive",
                    "TwoActive",
                    "FirstAndLast",
                    "NoneFailed",
                    "TagValues",
                    "GroupMembers",
                    "Filtered",
                    "Empty",
                    "Counted",
                    "Pairs"
                ]
            );
            let skipped: Vec<String> = diags
                .iter()
                .filter(|d| d.code == "waiter-skipped")
                .map(|d| d.message.clone())
                .collect();
            assert_eq!(skipped.len(), 1, "{skipped:?}");
            assert!(
                skipped[0].contains("waiter Broken of operation example.waiters#GetThing")
                    && skipped[0].contains("structure Thing has no member `colour` (members: name, status, size, enabled)"),
                "{}",
                skipped[0]
            );
            // Located at the path string.
            let d = diags.iter().find(|d| d.code == "waiter-skipped").unwrap();
            let span = d.span.expect("a span");
            assert!(MODEL
                .lines()
                .nth(span.line as usize - 1)
                .unwrap()
                .contains("thing.colour"));
        });
    }

    #[test]
    fn fields_and_subexpressions() {
        with_plan(|plan, _| {
            let s = compile(
                plan,
                "GetThing",
                "thing.status",
                PathComparator::StringEquals,
            )
            .unwrap();
            assert_eq!(
                s,
                "let value = output . thing . as_ref () . and_then (| v1 | v1 . status . as_ref () . map (| v | v . as_str ())) ; value == :: std :: option :: Option :: Some (\"x\")"
            );
            let s = compile(
                plan,
                "ListThings",
                "nested.inner.flag",
                PathComparator::BooleanEquals,
            );
            assert!(s.is_err(), "expected is x, not a boolean");
            let c = PathCompiler::new(plan, op(plan, "ListThings"));
            let p = c
                .compile_matcher(
                    "nested.inner.flag",
                    false,
                    PathComparator::BooleanEquals,
                    "true",
                )
                .unwrap();
            let text = p.body.to_string();
            assert!(text.contains("v2 . flag"), "{text}");
            assert!(text.contains("Some (true)"), "{text}");
            // Numbers of every width become f64; timestamps epoch seconds.
            let s = compile(
                plan,
                "ListThings",
                "count != `0` && updated > `0`",
                PathComparator::BooleanEquals,
            );
            assert!(s.is_err());
            let p = c
                .compile_matcher(
                    "count != `0` && updated > `0`",
                    false,
                    PathComparator::BooleanEquals,
                    "true",
                )
                .unwrap();
            let text = p.body.to_string();
            assert!(
                text.contains("output . count . map (| v | v as f64)"),
                "{text}"
            );
            assert!(
                text.contains("output . updated . map (| v | v . as_secs_f64 ())"),
                "{text}"
            );
            assert!(text.contains("Some (0f64)"), "{text}");
            // Enums compare by their wire string.
            let s = compile(plan, "ListThings", "kind", PathComparator::StringEquals).unwrap();
            assert!(
                s.contains("output . kind . as_ref () . map (| v | v . as_str ())"),
                "{s}"
            );
        });
    }

    #[test]
    fn projections_flatten_filters_and_indexes() {
        with_plan(|plan, _| {
            let any = PathComparator::AnyStringEquals;
            let s = compile(plan, "ListThings", "things[].status", any).unwrap();
            assert!(s.contains(". flatten () . filter_map (| v"), "{s}");
            assert!(
                s.contains("list . contains (& :: std :: option :: Option :: Some (\"x\"))"),
                "{s}"
            );
            let s = compile(
                plan,
                "ListThings",
                "things[*].status",
                PathComparator::AllStringEquals,
            )
            .unwrap();
            assert!(
                s.contains("! list . is_empty () && list . iter () . all"),
                "{s}"
            );
            let s = compile(plan, "ListThings", "groups[].members[]", any).unwrap();
            assert!(s.contains("flat_map (| e | e . unwrap_or_else"), "{s}");
            let s = compile(plan, "ListThings", "matrix[]", any).unwrap();
            assert!(s.contains("flat_map"), "{s}");
            let s = compile(plan, "ListThings", "things[?status == 'ACTIVE'].name", any).unwrap();
            assert!(s.contains("let keep"), "{s}");
            let s = compile(
                plan,
                "ListThings",
                "things[0].status",
                PathComparator::StringEquals,
            )
            .unwrap();
            assert!(s.contains("into_iter () . nth (0) . flatten ()"), "{s}");
            let s = compile(
                plan,
                "ListThings",
                "things[-1].status",
                PathComparator::StringEquals,
            )
            .unwrap();
            assert!(s.contains("checked_sub (1)"), "{s}");
            let s = compile(plan, "ListThings", "tags.*.value", any).unwrap();
            assert!(s.contains(". values ()"), "{s}");
            let s = compile(
                plan,
                "ListThings",
                "tags.owner.value",
                PathComparator::StringEquals,
            )
            .unwrap();
            assert!(s.contains(". get (\"owner\")"), "{s}");
            let s = compile(plan, "ListThings", "things[].[status, name][]", any).unwrap();
            assert!(s.contains("vec ! ["), "{s}");
            let s = compile(
                plan,
                "ListThings",
                "things[?status != 'DELETED'] | [0].name",
                PathComparator::StringEquals,
            )
            .unwrap();
            assert!(s.contains("nth (0)"), "{s}");
        });
    }

    #[test]
    fn functions_comparisons_and_booleans() {
        with_plan(|plan, _| {
            let c = PathCompiler::new(plan, op(plan, "ListThings"));
            let b = |path: &str| {
                c.compile_matcher(path, false, PathComparator::BooleanEquals, "true")
                    .map(|p| p.body.to_string())
            };
            let s = b("length(things[?status == 'ACTIVE']) >= `2`").unwrap();
            assert!(
                s.contains("l . len () as f64") && s.contains("a >= b"),
                "{s}"
            );
            let s = b("!contains(things[].status, 'FAILED')").unwrap();
            assert!(
                s.contains("list . contains (& search)") && s.contains("Some (! ("),
                "{s}"
            );
            let s = b("length(things) == `0`").unwrap();
            assert!(
                s.contains("== :: std :: option :: Option :: Some (0f64)"),
                "{s}"
            );
            let s = b("things[-1].size > `2` && things[0].enabled").unwrap();
            assert!(s.contains("let first"), "{s}");
            let s = b("things[?size >= `2` || enabled == `true`] == things").unwrap_err();
            assert!(
                s.message.contains(
                    "compares a list of Thing structures with a list of Thing structures"
                ),
                "{s}"
            );
            let s = b("things[?!(length(name) <= `3` && size == `1`)] | length(@) > `0`").unwrap();
            assert!(s.contains("chars () . count ()"), "{s}");
            let g = PathCompiler::new(plan, op(plan, "GetThing"));
            let p = g
                .compile_matcher(
                    "input.name == output.thing.name",
                    true,
                    PathComparator::BooleanEquals,
                    "true",
                )
                .unwrap();
            assert!(p.uses_input);
            let text = p.body.to_string();
            assert!(
                text.contains("Some (input)") && text.contains("Some (output)"),
                "{text}"
            );
        });
    }

    #[test]
    fn located_errors_for_what_does_not_compile_or_type_check() {
        with_plan(|plan, _| {
            let e = |op_name: &str, path: &str, cmp| compile(plan, op_name, path, cmp).unwrap_err();
            let s = PathComparator::StringEquals;
            let any = PathComparator::AnyStringEquals;
            let b = PathComparator::BooleanEquals;
            let err = e("GetThing", "thing.colour", s);
            assert_eq!(err.offset, 6);
            assert!(err.message.contains("has no member `colour`"), "{err}");
            let err = e("GetThing", "thing.status.deeper", s);
            assert_eq!(err.offset, 13);
            assert!(
                err.message
                    .contains("`deeper` selects a member, but the value here is a string"),
                "{err}"
            );
            let err = e("GetThing", "thing.size", s);
            assert_eq!(
                err.message,
                "stringEquals needs a string, but the path gives a number"
            );
            let err = e("ListThings", "things[].status", s);
            assert!(err.message.contains("gives a list of strings"), "{err}");
            let err = e("ListThings", "things.status", any);
            assert!(
                err.message
                    .contains("the value here is a list of Thing structures"),
                "{err}"
            );
            let err = e("ListThings", "kind[0]", s);
            assert!(
                err.message
                    .contains("an index applies to a list, not to a string"),
                "{err}"
            );
            let err = e("ListThings", "things[?name > 'a'].name", any);
            assert_eq!(err.offset, 8);
            assert!(
                err.message.contains("`>` orders numbers, not strings"),
                "{err}"
            );
            let err = e("ListThings", "sort(things[].name)", any);
            assert!(
                err.message.contains("function sort() is not supported"),
                "{err}"
            );
            let err = e("ListThings", "things[0:1].name", any);
            assert!(err.message.contains("slices are not supported"), "{err}");
            let err = e("ListThings", "things[?status == 'ACTIVE'", any);
            assert_eq!(err.offset, 26);
            assert!(err.message.contains("expected `]`"), "{err}");
            let err = e("ListThings", "count == 'x'", b);
            assert!(
                err.message.contains("compares a number with a string"),
                "{err}"
            );
            let err = e("ListThings", "length(count) > `0`", b);
            assert!(
                err.message
                    .contains("length() takes a string, list or map, not a number"),
                "{err}"
            );
            let err = e("ListThings", "things[].[name, size][]", any);
            assert!(err.message.contains("mixes strings and numbers"), "{err}");
            let err = e("ListThings", "things == `null`", b);
            assert!(
                err.message.contains("literal `null` is not supported"),
                "{err}"
            );
            let err = e("ListThings", "count && kind", b);
            assert!(
                err.message.contains("both sides must have the same type"),
                "{err}"
            );
            let err = e(
                "GetThing",
                "input.name == output.thing.name",
                PathComparator::AnyStringEquals,
            );
            assert!(
                err.message
                    .contains("needs a list of strings, but the path gives a boolean"),
                "{err}"
            );
            let c = PathCompiler::new(plan, op(plan, "GetThing"));
            let err = c
                .compile_matcher("thing.status", false, PathComparator::BooleanEquals, "yes")
                .unwrap_err();
            assert!(err.message.contains("needs a boolean"), "{err}");
            let err = c
                .compile_matcher("thing.enabled", false, PathComparator::BooleanEquals, "yes")
                .unwrap_err();
            assert!(err.message.contains("\"true\" or \"false\""), "{err}");
            let err = c
                .compile_matcher("thing.name", true, PathComparator::StringEquals, "x")
                .unwrap_err();
            assert!(
                err.message
                    .contains("starts with `input` or `output`, not `thing`"),
                "{err}"
            );
        });
    }
}
