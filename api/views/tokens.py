"""The settings page where a person makes and revokes personal API tokens (HTML, not API).

A new token's key is shown once, on the page that made it, and never stored: only its hash.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from api.forms import TokenForm
from api.models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, is_clinician=request.user.is_clinician)
    new_key = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _, new_key = ApiToken.issue(request.user, data["name"], data["scopes"], data["days"])
        form = TokenForm(is_clinician=request.user.is_clinician)
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(user=request.user),
        "new_key": new_key,
    }
    return render(request, "api/tokens.html", context, status=201 if new_key else 200)


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = ApiToken.objects.filter(user=request.user, id=token_id).first()
    if token is None:
        raise Http404("No such token.")
    token.revoke()
    messages.success(request, "The token was revoked. It no longer works.")
    return redirect("api-tokens")
