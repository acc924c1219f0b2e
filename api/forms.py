from django import forms

from api.scopes import scopes_for

LIFETIMES = [(30, "30 days"), (90, "90 days"), (365, "1 year")]


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What is this token for?", max_length=100, help_text="For example: clinic portal."
    )
    scopes = forms.MultipleChoiceField(label="What may it do?", widget=forms.CheckboxSelectMultiple)
    days = forms.TypedChoiceField(
        label="Valid for", choices=LIFETIMES, coerce=int, initial=90, widget=forms.RadioSelect
    )

    def __init__(self, *args, is_clinician: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = [
            (scope, f"{scope}: {words}") for scope, words in scopes_for(is_clinician).items()
        ]
